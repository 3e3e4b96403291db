using System.Runtime.InteropServices;
using System.Text.Json;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Kraken;

/// <summary>
/// Kraken WebSocket API v1 (docs.kraken.com/websockets, "book" and "trade" channels): book snapshots
/// (<c>[channelID, {"as":[...],"bs":[...]}, "book-N", "pair"]</c>) and updates (<c>{"a":[...]}</c> and/or
/// <c>{"b":[...],"c":"crc"}</c>, in one or two objects; levels are <c>[price, volume, timestamp(, "r")]</c>, volume 0
/// removes, "r" marks a republished level), with the checksum verified after every update exactly as "Spot Websockets
/// (v1) Book Checksum" (see <see cref="KrakenChecksum"/>) requires: apply all levels of the message in order, trim
/// each side to the subscribed depth, then compare. A mismatch freezes the pair's book, raises
/// <see cref="ResyncRequested"/> (a connector resubscribes) and drops its updates until the next snapshot.
/// Trades (<c>[price, volume, time, side, orderType, misc]</c>) become <see cref="Trade"/>s with the taker side.
/// </summary>
/// <remarks>
/// Prices and volumes are fixed-point at the pair's precision, learned from the first message quoting the pair; a later
/// value that cannot be expressed exactly at that precision is rejected as <see cref="RejectReason.PrecisionLoss"/>.
/// The exchange time of a book message is its newest level timestamp. Kraken v1 has no sequence numbers: headers carry 0.
/// </remarks>
public sealed class KrakenCodec(IMarketEventSink sink, Quarantine.Quarantine quarantine, string source = "kraken")
    : VenueCodec(Venue, sink, quarantine, source), IVenueBookCodec
{
    public const string Venue = "KRAKEN";

    /// <summary>Bound on levels (or trades) in one message; a snapshot of the deepest subscription (1000) holds 2000.</summary>
    public const int MaxLevelsPerMessage = 10_000;

    private readonly Dictionary<InstrumentId, KrakenPair> _pairs = [];
    private readonly List<RawLevel> _raw = [];
    private readonly List<LevelUpdate> _updates = [];
    private readonly List<long> _times = [];

    public KrakenStats Kraken { get; } = new();

    public event Action<InstrumentId>? ResyncRequested;

    /// <summary>Raised after every verified update with the expected and computed checksum (tests and diagnostics).</summary>
    public event Action<KrakenPair, uint, uint>? ChecksumVerified;

    /// <summary>
    /// Raised once per pair, when its first message reveals its precision, before any of its events reach the sink: a
    /// live consumer learns the scales of an instrument before it sees the instrument's first event.
    /// </summary>
    public event Action<KrakenPair>? PairDiscovered;

    public bool IsAwaitingSnapshot(InstrumentId instrument) => !_pairs.TryGetValue(instrument, out var pair) || pair.AwaitingSnapshot;

    public KrakenPair? Pair(InstrumentId instrument) => _pairs.GetValueOrDefault(instrument);

    public IEnumerable<KrakenPair> Pairs => _pairs.Values;

    protected override DecodeResult DecodeMessage(ReadOnlySpan<byte> message, long receiveTimeNs, ref RejectReason reason)
    {
        var result = DecodeArrayOrEvent(message, receiveTimeNs, out RejectReason? why);
        reason = why ?? RejectReason.InvalidJson;
        return result;
    }

    private DecodeResult DecodeArrayOrEvent(ReadOnlySpan<byte> message, long receiveTimeNs, out RejectReason? reason)
    {
        reason = RejectReason.InvalidJson;
        var reader = new Utf8JsonReader(message);
        if (!reader.Read())
            return DecodeResult.Rejected;
        if (reader.TokenType == JsonTokenType.StartObject)
            return IsEvent(ref reader, ref reason) ? DecodeResult.Ignored : DecodeResult.Rejected;
        if (reader.TokenType != JsonTokenType.StartArray)
            return DecodeResult.Rejected;

        // Pass 1: the channel name and pair come last, after the payload; find them, skipping the payload.
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number)
            return DecodeResult.Rejected;
        ReadOnlySpan<byte> channel = default, pairName = default;
        int strings = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
            else if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
            {
                channel = pairName;
                pairName = reader.ValueSpan;
                strings++;
            }
        }
        if (reader.TokenType != JsonTokenType.EndArray || strings < 2 || reader.Read())
            return DecodeResult.Rejected;
        reason = RejectReason.InvalidSymbol;
        if (!Instruments.TryGet(pairName, out var instrument))
            return DecodeResult.Rejected;

        // Pass 2: the payload, now that we know what it is.
        reader = new Utf8JsonReader(message);
        reader.Read();
        reader.Read();
        if (channel.StartsWith("book-"u8))
            return DecodeBook(ref reader, instrument, channel["book-"u8.Length..], receiveTimeNs, out reason);
        if (channel.SequenceEqual("trade"u8))
            return DecodeTrades(ref reader, instrument, receiveTimeNs, out reason);
        reason = null;
        return DecodeResult.Ignored; // ticker, spread, ohlc: not decoded here
    }

    private static bool IsEvent(ref Utf8JsonReader reader, ref RejectReason? reason)
    {
        // {"event":"heartbeat"}, systemStatus, subscriptionStatus, pong: control traffic.
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event"u8))
                return reader.Read() && reader.TokenType == JsonTokenType.String;
            reader.Read();
            reader.Skip();
        }
        reason = RejectReason.UnknownMessage;
        return false;
    }

    private DecodeResult DecodeBook(ref Utf8JsonReader reader, InstrumentId instrument, ReadOnlySpan<byte> depthText, long receiveTimeNs, out RejectReason? reason)
    {
        _raw.Clear();
        bool snapshot = false;
        long exchangeTimeNs = 0;
        uint? checksum = null;
        reason = RejectReason.InvalidJson;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isSnapshotSide = reader.ValueTextEquals("as"u8) || reader.ValueTextEquals("bs"u8);
                if (isSnapshotSide || reader.ValueTextEquals("a"u8) || reader.ValueTextEquals("b"u8))
                {
                    var side = reader.ValueSpan[0] == (byte)'a' ? Side.Ask : Side.Bid;
                    snapshot |= isSnapshotSide;
                    if (!ReadLevels(ref reader, side, ref exchangeTimeNs, out reason))
                        return DecodeResult.Rejected;
                }
                else if (reader.ValueTextEquals("c"u8))
                {
                    reason = RejectReason.InvalidNumber;
                    if (!reader.Read() || !VenueJson.TryGetInt64(ref reader, out long c) || c is < 0 or > uint.MaxValue)
                        return DecodeResult.Rejected;
                    checksum = (uint)c;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return DecodeResult.Rejected;
        }
        reason = RejectReason.MissingField;
        if (_raw.Count == 0 && !snapshot)
            return DecodeResult.Rejected;
        reason = RejectReason.InvalidNumber;
        if (!DecimalText.TryParse(depthText, out long depth, out int depthDecimals) || depthDecimals != 0 || depth <= 0)
            return DecodeResult.Rejected;

        var pair = PairFor(instrument);
        if (!Scale(pair, out reason))
            return DecodeResult.Rejected;
        reason = null;
        pair.Depth = (int)Math.Min(depth, MaxLevelsPerMessage);
        var header = new EventHeader(instrument, exchangeTimeNs == 0 ? receiveTimeNs : exchangeTimeNs, receiveTimeNs, 0);
        var updates = CollectionsMarshal.AsSpan(_updates);
        if (snapshot)
        {
            pair.Book.LoadSnapshot(updates, header, Sink);
            pair.AwaitingSnapshot = false;
            Kraken.Snapshots++;
            return DecodeResult.Decoded;
        }
        if (pair.AwaitingSnapshot)
        {
            Kraken.DroppedAwaitingSnapshot++;
            return DecodeResult.Decoded;
        }
        pair.Book.ApplyUpdates(updates, header, Sink, pair.Depth);
        Kraken.BookUpdates++;
        if (checksum is uint expected)
            Verify(pair, expected);
        return DecodeResult.Decoded;
    }

    private void Verify(KrakenPair pair, uint expected)
    {
        uint computed = KrakenChecksum.Compute(pair.Book);
        Kraken.ChecksumsVerified++;
        ChecksumVerified?.Invoke(pair, expected, computed);
        if (computed == expected)
        {
            Kraken.ChecksumMatches++;
            return;
        }
        Kraken.ChecksumMismatches++;
        pair.AwaitingSnapshot = true;
        ResyncRequested?.Invoke(pair.Instrument);
    }

    // [price, volume, timestamp(, "r")] per level, appended to _raw in message order.
    private bool ReadLevels(ref Utf8JsonReader reader, Side side, ref long exchangeTimeNs, out RejectReason? reason)
    {
        reason = RejectReason.InvalidJson;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            reason = RejectReason.InvalidNumber;
            if (!VenueJson.TryReadDecimal(ref reader, out long price, out int priceDecimals)
                || !VenueJson.TryReadDecimal(ref reader, out long size, out int sizeDecimals)
                || !reader.Read() || !VenueJson.TryGetSecondsAsNs(ref reader, out long timeNs))
                return false;
            if (price <= 0)
                return false;
            reason = RejectReason.NegativeSize;
            if (size < 0)
                return false;
            reason = RejectReason.TooManyLevels;
            if (_raw.Count == MaxLevelsPerMessage)
                return false;
            exchangeTimeNs = Math.Max(exchangeTimeNs, timeNs);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("r"u8))
                    Kraken.Republished++;
                else
                    reader.Skip();
            }
            _raw.Add(new RawLevel(side, price, priceDecimals, size, sizeDecimals));
        }
        reason = RejectReason.InvalidJson;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private DecodeResult DecodeTrades(ref Utf8JsonReader reader, InstrumentId instrument, long receiveTimeNs, out RejectReason? reason)
    {
        reason = RejectReason.InvalidJson;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            return DecodeResult.Rejected;
        _raw.Clear();
        _times.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            reason = RejectReason.InvalidNumber;
            if (!VenueJson.TryReadDecimal(ref reader, out long price, out int priceDecimals)
                || !VenueJson.TryReadDecimal(ref reader, out long size, out int sizeDecimals)
                || !reader.Read() || !VenueJson.TryGetSecondsAsNs(ref reader, out long timeNs) || price <= 0)
                return DecodeResult.Rejected;
            reason = RejectReason.NegativeSize;
            if (size <= 0)
                return DecodeResult.Rejected;
            reason = RejectReason.MissingField;
            if (!reader.Read() || !VenueJson.TryGetUtf8(ref reader, out var sideText) || sideText.Length != 1)
                return DecodeResult.Rejected;
            var taker = sideText[0] switch { (byte)'b' => Side.Bid, (byte)'s' => Side.Ask, _ => (Side)0 };
            if (taker == 0)
                return DecodeResult.Rejected;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                reader.Skip();
            reason = RejectReason.TooManyLevels;
            if (_raw.Count == MaxLevelsPerMessage)
                return DecodeResult.Rejected;
            _raw.Add(new RawLevel(taker, price, priceDecimals, size, sizeDecimals));
            _times.Add(timeNs);
        }
        reason = RejectReason.MissingField;
        if (reader.TokenType != JsonTokenType.EndArray || _raw.Count == 0)
            return DecodeResult.Rejected;

        var pair = PairFor(instrument);
        if (!Scale(pair, out reason))
            return DecodeResult.Rejected;
        for (int i = 0; i < _updates.Count; i++)
        {
            var t = _updates[i];
            // The side is the taker's: "b" a buy (the buyer crossed the spread), "s" a sell.
            var header = new EventHeader(instrument, _times[i], receiveTimeNs, 0);
            Sink.OnTrade(new Trade(header, t.Price, t.Size, t.Side == Side.Bid ? Aggressor.Buyer : Aggressor.Seller));
            Kraken.Trades++;
        }
        reason = null;
        return DecodeResult.Decoded;
    }

    /// <summary>The pair's state; created (with the precision of this message's values) the first time it is quoted.</summary>
    private KrakenPair PairFor(InstrumentId instrument)
    {
        if (_pairs.TryGetValue(instrument, out var pair))
            return pair;
        int priceDecimals = 0, sizeDecimals = 0;
        foreach (var level in _raw)
        {
            priceDecimals = Math.Max(priceDecimals, level.PriceDecimals);
            sizeDecimals = Math.Max(sizeDecimals, level.SizeDecimals);
        }
        pair = new KrakenPair(instrument, priceDecimals, sizeDecimals);
        _pairs[instrument] = pair;
        PairDiscovered?.Invoke(pair);
        return pair;
    }

    /// <summary>Rescales the parsed levels to the pair's precision into <see cref="_updates"/>.</summary>
    private bool Scale(KrakenPair pair, out RejectReason? reason)
    {
        _updates.Clear();
        reason = RejectReason.PrecisionLoss;
        foreach (var level in _raw)
        {
            if (!DecimalText.TryRescale(level.Price, level.PriceDecimals, pair.PriceDecimals, out long price)
                || !DecimalText.TryRescale(level.Size, level.SizeDecimals, pair.SizeDecimals, out long size))
                return false;
            _updates.Add(new LevelUpdate(level.Side, price, size));
        }
        reason = null;
        return true;
    }

    private readonly record struct RawLevel(Side Side, long Price, int PriceDecimals, long Size, int SizeDecimals);
}
