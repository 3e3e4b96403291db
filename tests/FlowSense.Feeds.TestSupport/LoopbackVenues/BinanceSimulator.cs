using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FlowSense.Feeds.Binance;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.TestSupport.LoopbackVenues;

/// <summary>
/// Binance as the loopback venue plays it: a replica of every symbol's book, kept by a <see cref="BinanceCodec"/> fed
/// everything published (diffs and the recorded REST snapshots in receive order), answers depth requests with the
/// book as it stands now and its last update id, as Binance does. Before the replica has synced a symbol, the recorded
/// snapshot is served: it lies ahead of the stream, which the documented procedure handles by dropping older diffs.
/// </summary>
public sealed class BinanceSimulator : VenueSimulator
{
    private readonly BinanceCodec _replica = new(new NullSink(), new Quarantine.Quarantine(), "replica");
    private readonly Dictionary<string, byte[]> _recordedSnapshots = new(StringComparer.Ordinal);
    private long _position;

    // Written by the REST server's thread, read by the publishing loop's (a test's fault policy).
    private readonly ConcurrentDictionary<string, long> _lastServedUpdateId = new(StringComparer.Ordinal);

    public BinanceCodec Replica => _replica;

    /// <summary>
    /// The lastUpdateId of the latest REST snapshot served for <paramref name="symbol"/>; null before the first. A
    /// diff whose final update id is beyond it is news to a client that synced from that snapshot. Early on this may be
    /// the recorded snapshot, which lies ahead of the stream, so "published after the snapshot" does not mean beyond it.
    /// </summary>
    public long? LastServedUpdateId(string symbol) => _lastServedUpdateId.TryGetValue(symbol, out long id) ? id : null;

    public override void Publish(RecordedMessage message)
    {
        _position++;
        if (message.Kind == FlowSense.Feeds.Capture.CaptureLineKind.Received)
        {
            _replica.Decode(message.Payload, message.ReceiveTimeNs, _position);
        }
        else if (BinanceCodec.TryGetSnapshotSymbol(Encoding.ASCII.GetBytes(message.Url), out var symbol))
        {
            _recordedSnapshots[Encoding.ASCII.GetString(symbol)] = message.Payload;
            _replica.ApplySnapshot(symbol, message.Payload, message.ReceiveTimeNs, _position);
        }
    }

    public override IReadOnlyList<byte[]> OnClientFrame(ReadOnlySpan<byte> frame, bool midStream) => [];

    public override byte[]? RestSnapshot(string pathAndQuery)
    {
        if (!BinanceCodec.TryGetSnapshotSymbol(Encoding.ASCII.GetBytes(pathAndQuery), out var symbolBytes))
            return null;
        string symbol = Encoding.ASCII.GetString(symbolBytes);
        if (Snapshot(symbol) is not { } served)
            return null;
        _lastServedUpdateId[symbol] = served.LastUpdateId;
        return served.Json;
    }

    /// <summary>The replica's book once it is synced, else the recorded snapshot; with its lastUpdateId.</summary>
    private (byte[] Json, long LastUpdateId)? Snapshot(string symbol)
    {
        var sync = _replica.Book(new InstrumentId(BinanceCodec.Venue, symbol));
        if (sync is null || sync.State != BinanceSyncState.Synced)
        {
            byte[]? recorded = _recordedSnapshots.GetValueOrDefault(symbol) ?? RecordedSnapshotFromFile(symbol);
            return recorded is null ? null : (recorded, LastUpdateIdOf(recorded));
        }
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"lastUpdateId\":{sync.LastUpdateId},\"bids\":");
        BookJson.AppendSide(json, sync.Book, Side.Bid, BinanceCodec.Decimals);
        json.Append(",\"asks\":");
        BookJson.AppendSide(json, sync.Book, Side.Ask, BinanceCodec.Decimals);
        json.Append('}');
        return (Encoding.UTF8.GetBytes(json.ToString()), sync.LastUpdateId);
    }

    // A recorded snapshot's id is only in its JSON, as the venue wrote it.
    private static long LastUpdateIdOf(byte[] recorded)
    {
        using var json = JsonDocument.Parse(recorded);
        return json.RootElement.GetProperty("lastUpdateId").GetInt64();
    }

    private byte[]? RecordedSnapshotFromFile(string symbol) =>
        RecordedSession.Load(Testing.SharedData.File("crypto", "BINANCE.http.0.0"))
            .FirstOrDefault(m => m.Url.Contains("symbol=" + symbol + "&", StringComparison.Ordinal))?.Payload;
}

/// <summary>Discards events: the replicas keep their books themselves.</summary>
public sealed class NullSink : IMarketEventSink
{
    public void OnTrade(in Trade trade) { }
    public void OnQuote(in Quote quote) { }
    public void OnBookDelta(in BookDelta delta) { }
    public void OnOrder(in OrderEvent order) { }
    public void OnStatus(in StatusEvent status) { }
}
