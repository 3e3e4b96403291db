using System.Runtime.InteropServices;
using System.Text.Json;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Bitstamp;

/// <summary>
/// Bitstamp WebSocket API v2 (bitstamp.net/websocket/v2): <c>diff_order_book_{pair}</c> events
/// (<c>{"data":{"microtimestamp":..,"bids":[[p,q],..],"asks":..},"channel":..,"event":"data"}</c>) kept in sync per
/// pair by <see cref="BitstampBookSync"/> with REST <c>order_book</c> snapshots (<see cref="ApplySnapshot"/>), and
/// <c>live_trades_{pair}</c> <c>trade</c> events as <see cref="Trade"/>s (<c>type</c> 0 = buy, 1 = sell: the taker's side).
/// <c>bts:*</c> control events are recognised and skipped.
/// </summary>
/// <remarks>
/// The channel (and so the pair) comes after the data, so the data is read first into scratch and dispatched at the
/// end. Prices and amounts are kept at <see cref="Decimals"/> = 8 (Bitstamp's base precision); trades use the exact
/// <c>price_str</c>/<c>amount_str</c> fields, and headers carry the microtimestamp as exchange time, sequence 0.
/// </remarks>
public sealed class BitstampCodec(IMarketEventSink sink, Quarantine.Quarantine quarantine, string source = "bitstamp")
    : VenueCodec(Venue, sink, quarantine, source), IVenueBookCodec
{
    public const string Venue = "BITSTAMP";
    public const int Decimals = 8;
    public const int MaxLevelsPerMessage = 200_000;

    private readonly Dictionary<InstrumentId, BitstampBookSync> _books = [];
    private readonly Dictionary<InstrumentId, long> _lastDiffMicros = [];
    private readonly List<LevelUpdate> _levels = [];

    public BitstampStats Bitstamp { get; } = new();

    public event Action<InstrumentId>? ResyncRequested;

    /// <summary>Raised after each diff applied to a live book.</summary>
    public event Action<BitstampBookSync>? DiffApplied;

    public bool IsAwaitingSnapshot(InstrumentId instrument) => !_books.TryGetValue(instrument, out var sync) || sync.AwaitingSnapshot;

    public BitstampBookSync? Book(InstrumentId instrument) => _books.GetValueOrDefault(instrument);

    public IEnumerable<BitstampBookSync> Books => _books.Values;

    /// <summary>Applies a REST order_book response for <paramref name="pair"/> (the URL's pair, e.g. <c>btcusd</c>).</summary>
    public DecodeResult ApplySnapshot(ReadOnlySpan<byte> pair, ReadOnlySpan<byte> json, long receiveTimeNs, long position) =>
        Guarded((this, Pair: pair.ToArray(), receiveTimeNs), json, position,
            static (s, m, ref r) => s.Item1.DecodeSnapshot(s.Pair, m, s.receiveTimeNs, ref r));

    /// <summary>The pair of an order_book URL (<c>.../api/v2/order_book/btcusd</c>, optionally with a trailing '/').</summary>
    public static bool TryGetSnapshotPair(ReadOnlySpan<byte> url, out ReadOnlySpan<byte> pair)
    {
        pair = default;
        int at = url.IndexOf("/order_book/"u8);
        if (at < 0)
            return false;
        pair = url[(at + "/order_book/"u8.Length)..];
        int end = pair.IndexOfAny((byte)'/', (byte)'?');
        if (end >= 0)
            pair = pair[..end];
        return !pair.IsEmpty;
    }

    protected override DecodeResult DecodeMessage(ReadOnlySpan<byte> message, long receiveTimeNs, ref RejectReason reason)
    {
        _levels.Clear();
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return DecodeResult.Rejected;
        var f = new Fields();
        ReadOnlySpan<byte> channel = default, eventName = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !ReadData(ref reader, ref f, ref reason))
                    return DecodeResult.Rejected;
            }
            else if (reader.ValueTextEquals("channel"u8) || reader.ValueTextEquals("event"u8))
            {
                bool isChannel = reader.ValueTextEquals("channel"u8);
                reason = RejectReason.MissingField;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                    return DecodeResult.Rejected;
                if (isChannel)
                    channel = reader.ValueSpan;
                else
                    eventName = reader.ValueSpan;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        reason = RejectReason.InvalidJson;
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            return DecodeResult.Rejected;
        reason = RejectReason.MissingField;
        if (eventName.StartsWith("bts:"u8))
            return eventName.SequenceEqual("bts:error"u8) ? Unknown(ref reason) : DecodeResult.Ignored;
        if (eventName.SequenceEqual("data"u8) && channel.StartsWith("diff_order_book_"u8))
            return Diff(channel["diff_order_book_"u8.Length..], ref f, receiveTimeNs, ref reason);
        if (eventName.SequenceEqual("trade"u8) && channel.StartsWith("live_trades_"u8))
            return Trade(channel["live_trades_"u8.Length..], ref f, receiveTimeNs, ref reason);
        if (eventName.IsEmpty || channel.IsEmpty)
            return DecodeResult.Rejected;
        return Unknown(ref reason);
    }

    private static DecodeResult Unknown(ref RejectReason reason)
    {
        reason = RejectReason.UnknownMessage;
        return DecodeResult.Rejected;
    }

    private bool ReadData(ref Utf8JsonReader reader, ref Fields f, ref RejectReason reason)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool ok = true;
            if (reader.ValueTextEquals("bids"u8) || reader.ValueTextEquals("asks"u8))
            {
                var side = reader.ValueSpan[0] == (byte)'b' ? Side.Bid : Side.Ask;
                f.HasLevels = true;
                ok = VenueJson.TryReadLevels(ref reader, side, Decimals, Decimals, _levels, MaxLevelsPerMessage, out reason, ref f.Printed);
            }
            else if (reader.ValueTextEquals("microtimestamp"u8))
            {
                reason = RejectReason.InvalidNumber;
                ok = reader.Read() && VenueJson.TryGetInt64(ref reader, out f.Microtimestamp) && f.Microtimestamp > 0;
            }
            else if (reader.ValueTextEquals("price_str"u8))
            {
                f.HasPrice = true;
                ok = reader.Read() && VenueJson.TryGetScaled(ref reader, Decimals, out f.Price, out reason);
            }
            else if (reader.ValueTextEquals("amount_str"u8))
            {
                f.HasAmount = true;
                ok = reader.Read() && VenueJson.TryGetScaled(ref reader, Decimals, out f.Amount, out reason);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reason = RejectReason.InvalidNumber;
                long type = -1;
                ok = reader.Read() && VenueJson.TryGetInt64(ref reader, out type) && type is 0 or 1;
                f.TakerSide = type == 0 ? Side.Bid : Side.Ask;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
            if (!ok)
                return false;
        }
        reason = RejectReason.InvalidJson;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private DecodeResult Diff(ReadOnlySpan<byte> pair, ref Fields f, long receiveTimeNs, ref RejectReason reason)
    {
        if (!f.HasLevels || f.Microtimestamp == 0)
            return DecodeResult.Rejected;
        reason = RejectReason.InvalidSymbol;
        if (!Instruments.TryGet(pair, out var instrument))
            return DecodeResult.Rejected;
        Bitstamp.Diffs++;
        if (_lastDiffMicros.TryGetValue(instrument, out long last) && f.Microtimestamp <= last)
            Bitstamp.OutOfOrderDiffs++;
        _lastDiffMicros[instrument] = Math.Max(last, f.Microtimestamp);
        var sync = SyncFor(instrument);
        sync.Printed = sync.Printed.Widen(f.Printed);
        long applied = sync.Applied;
        var header = new EventHeader(instrument, f.Microtimestamp * 1000, receiveTimeNs, 0);
        if (sync.OnDiff(f.Microtimestamp, CollectionsMarshal.AsSpan(_levels), header, Sink))
            ResyncRequested?.Invoke(instrument);
        if (sync.Applied > applied)
            DiffApplied?.Invoke(sync);
        return DecodeResult.Decoded;
    }

    private DecodeResult Trade(ReadOnlySpan<byte> pair, ref Fields f, long receiveTimeNs, ref RejectReason reason)
    {
        if (!f.HasPrice || !f.HasAmount || f.TakerSide == 0 || f.Microtimestamp == 0)
            return DecodeResult.Rejected;
        reason = RejectReason.NegativeSize;
        if (f.Amount <= 0 || f.Price <= 0)
            return DecodeResult.Rejected;
        reason = RejectReason.InvalidSymbol;
        if (!Instruments.TryGet(pair, out var instrument))
            return DecodeResult.Rejected;
        Sink.OnTrade(new Trade(new EventHeader(instrument, f.Microtimestamp * 1000, receiveTimeNs, 0), f.Price, f.Amount,
            f.TakerSide == Side.Bid ? Aggressor.Buyer : Aggressor.Seller));
        Bitstamp.Trades++;
        return DecodeResult.Decoded;
    }

    private DecodeResult DecodeSnapshot(ReadOnlySpan<byte> pair, ReadOnlySpan<byte> json, long receiveTimeNs, ref RejectReason reason)
    {
        reason = RejectReason.InvalidSymbol;
        if (!Instruments.TryGet(pair, out var instrument))
            return DecodeResult.Rejected;
        reason = RejectReason.InvalidJson;
        _levels.Clear();
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return DecodeResult.Rejected;
        var f = new Fields();
        if (!ReadData(ref reader, ref f, ref reason))
            return DecodeResult.Rejected;
        reason = RejectReason.InvalidJson;
        if (reader.Read())
            return DecodeResult.Rejected;
        reason = RejectReason.MissingField;
        if (!f.HasLevels || f.Microtimestamp == 0)
            return DecodeResult.Rejected;
        var sync = SyncFor(instrument);
        sync.Printed = sync.Printed.Widen(f.Printed);
        var header = new EventHeader(instrument, f.Microtimestamp * 1000, receiveTimeNs, 0);
        if (!sync.OnSnapshot(f.Microtimestamp, CollectionsMarshal.AsSpan(_levels), header, Sink))
            ResyncRequested?.Invoke(instrument);
        Bitstamp.Snapshots++;
        return DecodeResult.Decoded;
    }

    private BitstampBookSync SyncFor(InstrumentId instrument)
    {
        if (!_books.TryGetValue(instrument, out var sync))
            _books[instrument] = sync = new BitstampBookSync(instrument);
        return sync;
    }

    private struct Fields
    {
        public bool HasLevels, HasPrice, HasAmount;
        public long Microtimestamp, Price, Amount;
        public Side TakerSide;
        public DisplayScale Printed;
    }
}
