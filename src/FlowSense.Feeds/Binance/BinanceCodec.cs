using System.Runtime.InteropServices;
using System.Text.Json;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Binance;

/// <summary>
/// Binance Spot market streams (Binance Spot API docs, "WebSocket Streams"): <c>depthUpdate</c> diffs kept in sync per
/// symbol by <see cref="BinanceBookSync"/> ("How to manage a local order book correctly"), <c>bookTicker</c> as
/// <see cref="Quote"/>s (sequence = its update id <c>u</c>), <c>trade</c> and <c>aggTrade</c> as <see cref="Trade"/>s
/// (<c>m</c> = buyer is the maker, so the seller was the aggressor), klines recognised and skipped. Messages may be raw
/// or in the combined-stream wrapper <c>{"stream":..., "data":{...}}</c>. REST depth snapshots (<c>GET /api/v3/depth</c>)
/// go to <see cref="ApplySnapshot"/>; when a symbol's book loses sync, <see cref="ResyncRequested"/> asks for one.
/// </summary>
/// <remarks>
/// Binance Spot prints every price and quantity with 8 decimals; both are kept at <see cref="Decimals"/> = 8. Fields are
/// read in one pass in whatever order they come, then the message is dispatched on <c>e</c> (bookTicker has none).
/// </remarks>
public sealed class BinanceCodec(IMarketEventSink sink, Quarantine.Quarantine quarantine, string source = "binance")
    : VenueCodec(Venue, sink, quarantine, source), IVenueBookCodec
{
    public const string Venue = "BINANCE";
    public const int Decimals = 8;
    /// <summary>Bound on levels in one message (a REST snapshot holds up to 5000 per side).</summary>
    public const int MaxLevelsPerMessage = 20_000;

    private readonly Dictionary<InstrumentId, BinanceBookSync> _books = [];
    private readonly List<LevelUpdate> _levels = [];

    public BinanceStats Binance { get; } = new();

    public event Action<InstrumentId>? ResyncRequested;

    /// <summary>Raised after a diff is applied to a symbol's book (tests and diagnostics compare the book here).</summary>
    public event Action<BinanceBookSync, long>? DiffApplied;

    public bool IsAwaitingSnapshot(InstrumentId instrument) =>
        !_books.TryGetValue(instrument, out var sync) || sync.State == BinanceSyncState.AwaitingSnapshot;

    public BinanceBookSync? Book(InstrumentId instrument) => _books.GetValueOrDefault(instrument);

    public IEnumerable<BinanceBookSync> Books => _books.Values;

    /// <summary>After a reconnect: every known symbol's book waits for a fresh snapshot (see <see cref="BinanceBookSync.Restart"/>).</summary>
    public void Restart()
    {
        foreach (var sync in _books.Values)
            sync.Restart();
    }

    /// <summary>
    /// Applies a REST depth snapshot (<c>{"lastUpdateId":..,"bids":[[p,q],..],"asks":[..]}</c>) for
    /// <paramref name="symbol"/> (as the request named it, e.g. <c>BTCUSDT</c>).
    /// </summary>
    public DecodeResult ApplySnapshot(ReadOnlySpan<byte> symbol, ReadOnlySpan<byte> json, long receiveTimeNs, long position) =>
        Guarded((this, Symbol: symbol.ToArray(), receiveTimeNs), json, position,
            static (s, m, ref r) => s.Item1.DecodeSnapshot(s.Symbol, m, s.receiveTimeNs, ref r));

    /// <summary>The <c>symbol</c> query parameter of a depth request URL (<c>.../api/v3/depth?symbol=BTCUSDT&amp;limit=1000</c>).</summary>
    public static bool TryGetSnapshotSymbol(ReadOnlySpan<byte> url, out ReadOnlySpan<byte> symbol)
    {
        symbol = default;
        int query = url.IndexOf("/depth?"u8);
        if (query < 0)
            return false;
        var rest = url[(query + "/depth?"u8.Length)..];
        while (!rest.IsEmpty)
        {
            int amp = rest.IndexOf((byte)'&');
            var pair = amp < 0 ? rest : rest[..amp];
            if (pair.StartsWith("symbol="u8))
            {
                symbol = pair["symbol="u8.Length..];
                return !symbol.IsEmpty;
            }
            rest = amp < 0 ? default : rest[(amp + 1)..];
        }
        return false;
    }

    protected override DecodeResult DecodeMessage(ReadOnlySpan<byte> message, long receiveTimeNs, ref RejectReason reason)
    {
        _levels.Clear();
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return DecodeResult.Rejected;
        // The combined-stream wrapper: {"stream":"btcusdt@depth","data":{...}}; otherwise the event itself.
        var fields = new EventFields();
        bool wrapped = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    return DecodeResult.Rejected;
                wrapped = true;
                if (!ReadEvent(ref reader, ref fields, ref reason))
                    return DecodeResult.Rejected;
            }
            else if (!wrapped && !ReadField(ref reader, ref fields, ref reason))
            {
                return DecodeResult.Rejected;
            }
            else if (wrapped)
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            reason = RejectReason.InvalidJson;
            return DecodeResult.Rejected;
        }
        return Dispatch(ref fields, receiveTimeNs, ref reason);
    }

    private bool ReadEvent(ref Utf8JsonReader reader, ref EventFields fields, ref RejectReason reason)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            if (!ReadField(ref reader, ref fields, ref reason))
                return false;
        reason = RejectReason.InvalidJson;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    // One property of an event (the reader is on its name). The same letter means different things per event type:
    // "a"/"b" are level arrays in depthUpdate, prices in bookTicker, and "a" is the aggregate id in aggTrade.
    private bool ReadField(ref Utf8JsonReader reader, ref EventFields f, ref RejectReason reason)
    {
        var name = reader.ValueSpan;
        if (reader.ValueIsEscaped || name.Length > 6)
        {
            reader.Read();
            reader.Skip();
            return true;
        }
        if (!reader.Read())
            return false;
        reason = RejectReason.InvalidNumber;
        switch (name.Length == 1 ? name[0] : 0)
        {
            case (byte)'e':
                f.Type = reader.TokenType == JsonTokenType.String ? TypeOf(reader.ValueSpan) : EventType.Unknown;
                return true;
            case (byte)'s':
                if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || !Instruments.TryGet(reader.ValueSpan, out f.Instrument))
                {
                    reason = RejectReason.InvalidSymbol;
                    return false;
                }
                f.HasInstrument = true;
                return true;
            case (byte)'E': return VenueJson.TryGetInt64(ref reader, out f.EventTimeMs);
            case (byte)'T': return VenueJson.TryGetInt64(ref reader, out f.TradeTimeMs);
            case (byte)'U': f.HasFirstId = true; return VenueJson.TryGetInt64(ref reader, out f.FirstUpdateId);
            case (byte)'u': f.HasFinalId = true; return VenueJson.TryGetInt64(ref reader, out f.FinalUpdateId);
            case (byte)'m': f.BuyerIsMaker = reader.TokenType == JsonTokenType.True; return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
            case (byte)'p': f.HasPrice = true; return VenueJson.TryGetScaled(ref reader, Decimals, out f.Price, out reason);
            case (byte)'q': f.HasQuantity = true; return VenueJson.TryGetScaled(ref reader, Decimals, out f.Quantity, out reason);
            case (byte)'B': f.HasBidSize = true; return VenueJson.TryGetScaled(ref reader, Decimals, out f.BidSize, out reason);
            case (byte)'A': f.HasAskSize = true; return VenueJson.TryGetScaled(ref reader, Decimals, out f.AskSize, out reason);
            case (byte)'a' or (byte)'b':
                var side = name[0] == (byte)'b' ? Side.Bid : Side.Ask;
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    f.HasLevels = true;
                    return ReadLevels(ref reader, side, ref reason);
                }
                if (reader.TokenType == JsonTokenType.String)
                {
                    if (side == Side.Bid) f.HasBid = true; else f.HasAsk = true;
                    return VenueJson.TryGetScaled(ref reader, Decimals, out (side == Side.Bid ? ref f.Bid : ref f.Ask), out reason);
                }
                reader.Skip(); // aggTrade's "a": the aggregate trade id
                return true;
            default:
                reader.Skip();
                return true;
        }
    }

    // The reader is on the '[' of [[price, qty], ...]: levels go to _levels (a message has at most one of each side).
    private bool ReadLevels(ref Utf8JsonReader reader, Side side, ref RejectReason reason)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            if (!VenueJson.TryReadLevel(ref reader, Decimals, Decimals, out long price, out long size, out reason))
                return false;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                reader.Skip();
            reason = RejectReason.TooManyLevels;
            if (_levels.Count >= MaxLevelsPerMessage)
                return false;
            _levels.Add(new LevelUpdate(side, price, size));
        }
        reason = RejectReason.InvalidJson;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private DecodeResult Dispatch(ref EventFields f, long receiveTimeNs, ref RejectReason reason)
    {
        reason = RejectReason.MissingField;
        long eventTimeNs = f.EventTimeMs > 0 ? f.EventTimeMs * 1_000_000 : receiveTimeNs;
        switch (f.Type)
        {
            case EventType.DepthUpdate:
                if (!f.HasInstrument || !f.HasFirstId || !f.HasFinalId || !f.HasLevels || f.FirstUpdateId > f.FinalUpdateId)
                    return DecodeResult.Rejected;
                var sync = SyncFor(f.Instrument);
                var header = new EventHeader(f.Instrument, eventTimeNs, receiveTimeNs, f.FinalUpdateId);
                var outcome = sync.OnDiff(f.FirstUpdateId, f.FinalUpdateId, CollectionsMarshal.AsSpan(_levels), header, Sink);
                Binance.DepthDiffs++;
                if (outcome == BinanceDiffOutcome.Gap)
                    ResyncRequested?.Invoke(f.Instrument);
                else if (outcome == BinanceDiffOutcome.Applied)
                    DiffApplied?.Invoke(sync, f.FinalUpdateId);
                return DecodeResult.Decoded;
            case EventType.Trade or EventType.AggTrade:
                if (!f.HasInstrument || !f.HasPrice || !f.HasQuantity)
                    return DecodeResult.Rejected;
                reason = RejectReason.NegativeSize;
                if (f.Quantity <= 0 || f.Price <= 0)
                    return DecodeResult.Rejected;
                long tradeTimeNs = f.TradeTimeMs > 0 ? f.TradeTimeMs * 1_000_000 : eventTimeNs;
                Sink.OnTrade(new Trade(new EventHeader(f.Instrument, tradeTimeNs, receiveTimeNs, 0), f.Price, f.Quantity,
                    f.BuyerIsMaker ? Aggressor.Seller : Aggressor.Buyer));
                if (f.Type == EventType.Trade) Binance.Trades++; else Binance.AggTrades++;
                return DecodeResult.Decoded;
            case EventType.Kline:
                Binance.Klines++;
                return DecodeResult.Ignored;
            case EventType.None when f.HasBid && f.HasAsk && f.HasBidSize && f.HasAskSize && f.HasFinalId && f.HasInstrument:
                reason = RejectReason.NegativeSize;
                if (f.BidSize < 0 || f.AskSize < 0)
                    return DecodeResult.Rejected;
                // bookTicker carries no event time (spot, 2021): the receive time stands in for it.
                Sink.OnQuote(new Quote(new EventHeader(f.Instrument, receiveTimeNs, receiveTimeNs, f.FinalUpdateId), f.Bid, f.BidSize, f.Ask, f.AskSize));
                Binance.BookTickers++;
                return DecodeResult.Decoded;
            case EventType.None when !f.HasInstrument && !f.HasLevels:
                return DecodeResult.Ignored; // subscription replies: {"result":null,"id":1}
            case EventType.Unknown:
                reason = RejectReason.UnknownMessage;
                return DecodeResult.Rejected;
            default:
                return DecodeResult.Rejected;
        }
    }

    private DecodeResult DecodeSnapshot(ReadOnlySpan<byte> symbol, ReadOnlySpan<byte> json, long receiveTimeNs, ref RejectReason reason)
    {
        _levels.Clear();
        reason = RejectReason.InvalidSymbol;
        if (!Instruments.TryGet(symbol, out var instrument))
            return DecodeResult.Rejected;
        reason = RejectReason.InvalidJson;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return DecodeResult.Rejected;
        long lastUpdateId = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("lastUpdateId"u8))
            {
                reason = RejectReason.InvalidNumber;
                if (!reader.Read() || !VenueJson.TryGetInt64(ref reader, out lastUpdateId))
                    return DecodeResult.Rejected;
            }
            else if (reader.ValueTextEquals("bids"u8) || reader.ValueTextEquals("asks"u8))
            {
                var side = reader.ValueSpan[0] == (byte)'b' ? Side.Bid : Side.Ask;
                if (!VenueJson.TryReadLevels(ref reader, side, Decimals, Decimals, _levels, MaxLevelsPerMessage, out reason))
                    return DecodeResult.Rejected;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        reason = RejectReason.MissingField;
        if (reader.TokenType != JsonTokenType.EndObject || lastUpdateId < 0)
            return DecodeResult.Rejected;
        var sync = SyncFor(instrument);
        var outcome = sync.OnSnapshot(lastUpdateId, CollectionsMarshal.AsSpan(_levels), new EventHeader(instrument, receiveTimeNs, receiveTimeNs, lastUpdateId), Sink);
        Binance.Snapshots++;
        if (outcome == BinanceSnapshotOutcome.TooOld || sync.State == BinanceSyncState.AwaitingSnapshot)
            ResyncRequested?.Invoke(instrument);
        return DecodeResult.Decoded;
    }

    private BinanceBookSync SyncFor(InstrumentId instrument)
    {
        if (!_books.TryGetValue(instrument, out var sync))
            _books[instrument] = sync = new BinanceBookSync(instrument);
        return sync;
    }

    private static EventType TypeOf(ReadOnlySpan<byte> type) => type switch
    {
        _ when type.SequenceEqual("depthUpdate"u8) => EventType.DepthUpdate,
        _ when type.SequenceEqual("aggTrade"u8) => EventType.AggTrade,
        _ when type.SequenceEqual("trade"u8) => EventType.Trade,
        _ when type.SequenceEqual("kline"u8) => EventType.Kline,
        _ => EventType.Unknown,
    };

    private enum EventType : byte { None, Unknown, DepthUpdate, Trade, AggTrade, Kline }

    /// <summary>The fields of one event, filled in whatever order they arrive.</summary>
    private struct EventFields
    {
        public EventType Type;
        public InstrumentId Instrument;
        public bool HasInstrument, HasFirstId, HasFinalId, HasLevels, HasPrice, HasQuantity, HasBid, HasAsk, HasBidSize, HasAskSize, BuyerIsMaker;
        public long EventTimeMs, TradeTimeMs, FirstUpdateId, FinalUpdateId, Price, Quantity, Bid, Ask, BidSize, AskSize;
    }
}
