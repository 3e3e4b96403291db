using System.Runtime.InteropServices;
using System.Text.Json;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Coinbase;

/// <summary>
/// Coinbase Exchange WebSocket feed (docs.cloud.coinbase.com/exchange, "WebSocket channels": the <c>level2</c>,
/// <c>ticker</c> and <c>matches</c> channels): <c>snapshot</c> (<c>bids</c>/<c>asks</c> as [price, size]) loads a
/// product's book, <c>l2update</c> (<c>changes</c> as [side, price, size], size absolute, "0" removes) updates it,
/// <c>match</c>/<c>last_match</c> become <see cref="Trade"/>s (<c>side</c> is the maker's, so a "sell" maker means a
/// buyer took liquidity), and <c>ticker</c> becomes a <see cref="Quote"/> when it carries best bid/ask sizes.
/// </summary>
/// <remarks>
/// The level2 channel carries no sequence numbers, so gaps cannot be detected; an update for a product without a
/// snapshot is dropped and counted, and <see cref="ResyncRequested"/> asks (once) for a resubscription. Prices and
/// sizes are kept at <see cref="Decimals"/> = 8 (Coinbase's finest increment). Timestamps are RFC 3339 UTC.
/// </remarks>
public sealed class CoinbaseCodec(IMarketEventSink sink, Quarantine.Quarantine quarantine, string source = "coinbase")
    : VenueCodec(Venue, sink, quarantine, source), IVenueBookCodec
{
    public const string Venue = "COINBASE";
    public const int Decimals = 8;
    public const int MaxLevelsPerMessage = 200_000;

    private readonly Dictionary<InstrumentId, Product> _products = [];
    private readonly List<LevelUpdate> _levels = [];

    public CoinbaseStats Coinbase { get; } = new();

    public event Action<InstrumentId>? ResyncRequested;

    public bool IsAwaitingSnapshot(InstrumentId instrument) => !_products.TryGetValue(instrument, out var p) || !p.HasSnapshot;

    /// <summary>The product's book, or null before its first message.</summary>
    public VenueBook? Book(InstrumentId instrument) => _products.TryGetValue(instrument, out var p) ? p.Book : null;

    /// <summary>The decimals Coinbase prints the product's book prices and sizes with (the widest seen in its level2 text), or null before its first book message.</summary>
    public DisplayScale? PrintedScale(InstrumentId instrument) => _products.TryGetValue(instrument, out var p) ? p.Printed : null;

    protected override DecodeResult DecodeMessage(ReadOnlySpan<byte> message, long receiveTimeNs, ref RejectReason reason)
    {
        _levels.Clear();
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return DecodeResult.Rejected;
        var f = new Fields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!ReadField(ref reader, ref f, ref reason))
                return DecodeResult.Rejected;
        }
        reason = RejectReason.InvalidJson;
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            return DecodeResult.Rejected;
        return Dispatch(ref f, receiveTimeNs, ref reason);
    }

    private bool ReadField(ref Utf8JsonReader reader, ref Fields f, ref RejectReason reason)
    {
        var name = reader.ValueSpan;
        bool escaped = reader.ValueIsEscaped;
        if (!reader.Read())
            return false;
        if (escaped)
        {
            reader.Skip();
            return true;
        }
        reason = RejectReason.InvalidNumber;
        if (name.SequenceEqual("type"u8))
        {
            f.Type = reader.TokenType == JsonTokenType.String ? TypeOf(reader.ValueSpan) : MessageType.Unknown;
        }
        else if (name.SequenceEqual("product_id"u8))
        {
            reason = RejectReason.InvalidSymbol;
            if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || !Instruments.TryGet(reader.ValueSpan, out f.Instrument))
                return false;
            f.HasInstrument = true;
        }
        else if (name.SequenceEqual("bids"u8) || name.SequenceEqual("asks"u8))
        {
            f.HasLevels = true;
            return ReadSnapshotSide(ref reader, name[0] == (byte)'b' ? Side.Bid : Side.Ask, ref reason, ref f.Printed);
        }
        else if (name.SequenceEqual("changes"u8))
        {
            f.HasLevels = true;
            return ReadChanges(ref reader, ref reason, ref f.Printed);
        }
        else if (name.SequenceEqual("time"u8))
        {
            f.HasTime = reader.TokenType == JsonTokenType.String && IsoTime.TryParseUtcNs(reader.ValueSpan, out f.TimeNs);
            return f.HasTime;
        }
        else if (name.SequenceEqual("sequence"u8))
        {
            return VenueJson.TryGetInt64(ref reader, out f.Sequence);
        }
        else if (name.SequenceEqual("price"u8))
        {
            f.HasPrice = true;
            return VenueJson.TryGetScaled(ref reader, Decimals, out f.Price, out reason);
        }
        else if (name.SequenceEqual("size"u8))
        {
            f.HasSize = true;
            return VenueJson.TryGetScaled(ref reader, Decimals, out f.Size, out reason);
        }
        else if (name.SequenceEqual("side"u8))
        {
            f.Side = reader.TokenType == JsonTokenType.String ? SideOf(reader.ValueSpan) : 0;
            return f.Side != 0;
        }
        else if (name.SequenceEqual("best_bid"u8) || name.SequenceEqual("best_ask"u8) || name.SequenceEqual("best_bid_size"u8) || name.SequenceEqual("best_ask_size"u8))
        {
            if (reader.TokenType == JsonTokenType.Null)
                return true;
            int which = (name[5] == (byte)'b' ? 0 : 1) + (name.Length > 8 ? 2 : 0);
            f.HasBest |= 1 << which;
            return VenueJson.TryGetScaled(ref reader, Decimals, out f.Best[which], out reason);
        }
        else
        {
            reader.Skip();
        }
        return true;
    }

    private bool ReadSnapshotSide(ref Utf8JsonReader reader, Side side, ref RejectReason reason, ref DisplayScale printed)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            if (!VenueJson.TryReadLevel(ref reader, Decimals, Decimals, out long price, out long size, out reason, ref printed) || !Add(side, price, size, ref reason))
                return false;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                reader.Skip();
        }
        reason = RejectReason.InvalidJson;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    // [["buy"|"sell", price, size], ...]
    private bool ReadChanges(ref Utf8JsonReader reader, ref RejectReason reason, ref DisplayScale printed)
    {
        reason = RejectReason.InvalidJson;
        if (reader.TokenType != JsonTokenType.StartArray)
            return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            reason = RejectReason.MissingField;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String || SideOf(reader.ValueSpan) is not (Side side and not 0))
                return false;
            if (!VenueJson.TryReadLevel(ref reader, Decimals, Decimals, out long price, out long size, out reason, ref printed) || !Add(side, price, size, ref reason))
                return false;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                reader.Skip();
        }
        reason = RejectReason.InvalidJson;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private bool Add(Side side, long price, long size, ref RejectReason reason)
    {
        reason = RejectReason.TooManyLevels;
        if (_levels.Count >= MaxLevelsPerMessage)
            return false;
        _levels.Add(new LevelUpdate(side, price, size));
        return true;
    }

    private DecodeResult Dispatch(ref Fields f, long receiveTimeNs, ref RejectReason reason)
    {
        reason = RejectReason.MissingField;
        long exchangeTimeNs = f.HasTime ? f.TimeNs : receiveTimeNs;
        switch (f.Type)
        {
            case MessageType.Snapshot:
                if (!f.HasInstrument || !f.HasLevels)
                    return DecodeResult.Rejected;
                var product = ProductFor(f.Instrument);
                product.Printed = product.Printed.Widen(f.Printed);
                product.Book.LoadSnapshot(CollectionsMarshal.AsSpan(_levels), new EventHeader(f.Instrument, exchangeTimeNs, receiveTimeNs, 0), Sink);
                product.HasSnapshot = true;
                product.ResyncAsked = false;
                Coinbase.Snapshots++;
                return DecodeResult.Decoded;
            case MessageType.L2Update:
                if (!f.HasInstrument || !f.HasLevels)
                    return DecodeResult.Rejected;
                product = ProductFor(f.Instrument);
                product.Printed = product.Printed.Widen(f.Printed);
                Coinbase.L2Updates++;
                if (!product.HasSnapshot)
                {
                    Coinbase.UpdatesWithoutSnapshot++;
                    if (!product.ResyncAsked)
                    {
                        product.ResyncAsked = true;
                        ResyncRequested?.Invoke(f.Instrument);
                    }
                    return DecodeResult.Decoded;
                }
                product.Book.ApplyUpdates(CollectionsMarshal.AsSpan(_levels), new EventHeader(f.Instrument, exchangeTimeNs, receiveTimeNs, 0), Sink);
                return DecodeResult.Decoded;
            case MessageType.Match or MessageType.LastMatch:
                if (!f.HasInstrument || !f.HasPrice || !f.HasSize || f.Side == 0)
                    return DecodeResult.Rejected;
                reason = RejectReason.NegativeSize;
                if (f.Size <= 0 || f.Price <= 0)
                    return DecodeResult.Rejected;
                Sink.OnTrade(new Trade(new EventHeader(f.Instrument, exchangeTimeNs, receiveTimeNs, f.Sequence), f.Price, f.Size,
                    f.Side == Side.Ask ? Aggressor.Buyer : Aggressor.Seller));
                if (f.Type == MessageType.Match) Coinbase.Matches++; else Coinbase.LastMatches++;
                return DecodeResult.Decoded;
            case MessageType.Ticker:
                if (!f.HasInstrument)
                    return DecodeResult.Rejected;
                Coinbase.Tickers++;
                if (f.HasBest != 0b1111)
                {
                    Coinbase.TickersWithoutSizes++;
                    return DecodeResult.Decoded;
                }
                reason = RejectReason.NegativeSize;
                if (f.Best[2] < 0 || f.Best[3] < 0)
                    return DecodeResult.Rejected;
                Sink.OnQuote(new Quote(new EventHeader(f.Instrument, exchangeTimeNs, receiveTimeNs, f.Sequence), f.Best[0], f.Best[2], f.Best[1], f.Best[3]));
                return DecodeResult.Decoded;
            case MessageType.Control:
                return DecodeResult.Ignored;
            case MessageType.Unknown:
                reason = RejectReason.UnknownMessage;
                return DecodeResult.Rejected;
            default:
                return DecodeResult.Rejected;
        }
    }

    private Product ProductFor(InstrumentId instrument)
    {
        if (!_products.TryGetValue(instrument, out var product))
            _products[instrument] = product = new Product(instrument);
        return product;
    }

    private static Side SideOf(ReadOnlySpan<byte> side) =>
        side.SequenceEqual("buy"u8) ? Side.Bid : side.SequenceEqual("sell"u8) ? Side.Ask : 0;

    private static MessageType TypeOf(ReadOnlySpan<byte> type) => type switch
    {
        _ when type.SequenceEqual("l2update"u8) => MessageType.L2Update,
        _ when type.SequenceEqual("snapshot"u8) => MessageType.Snapshot,
        _ when type.SequenceEqual("match"u8) => MessageType.Match,
        _ when type.SequenceEqual("last_match"u8) => MessageType.LastMatch,
        _ when type.SequenceEqual("ticker"u8) => MessageType.Ticker,
        _ when type.SequenceEqual("subscriptions"u8) || type.SequenceEqual("heartbeat"u8) => MessageType.Control,
        _ => MessageType.Unknown,
    };

    private enum MessageType : byte { None, Unknown, Control, Snapshot, L2Update, Match, LastMatch, Ticker }

    private sealed class Product(InstrumentId instrument)
    {
        public VenueBook Book { get; } = new(instrument);
        public bool HasSnapshot { get; set; }
        public bool ResyncAsked { get; set; }
        public DisplayScale Printed { get; set; }
    }

    private struct Fields
    {
        public MessageType Type;
        public InstrumentId Instrument;
        public bool HasInstrument, HasLevels, HasTime, HasPrice, HasSize;
        public Side Side;
        public long TimeNs, Sequence, Price, Size;
        public int HasBest;
        public BestValues Best;
        public DisplayScale Printed;
    }

    /// <summary>best_bid, best_ask, best_bid_size, best_ask_size.</summary>
    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct BestValues
    {
        private long _element;
    }
}
