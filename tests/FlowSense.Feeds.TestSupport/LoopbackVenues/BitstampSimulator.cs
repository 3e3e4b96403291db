using System.Globalization;
using System.Text;
using FlowSense.Feeds.Bitstamp;
using FlowSense.Feeds.Capture;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.TestSupport.LoopbackVenues;

/// <summary>
/// Bitstamp as the loopback venue plays it: a replica of every pair's book, kept by a <see cref="BitstampCodec"/> fed
/// everything published (diffs and the recorded REST order_book snapshots in receive order), answers
/// <c>/api/v2/order_book/{pair}</c> with the book as it stands now and the microtimestamp it is at, as Bitstamp does.
/// Before the replica has synced a pair, the recorded snapshot is served: diffs up to its microtimestamp are dropped
/// by the documented procedure, later ones apply.
/// </summary>
public sealed class BitstampSimulator(IEnumerable<RecordedMessage> session) : VenueSimulator
{
    private readonly BitstampCodec _replica = new(new NullSink(), new Quarantine.Quarantine(), "replica");
    private readonly Dictionary<string, byte[]> _recordedSnapshots = session
        .Where(m => m.Kind == CaptureLineKind.RestResponse)
        .Select(m => (Pair: PairOf(m.Url), m.Payload))
        .Where(s => s.Pair is not null)
        .ToDictionary(s => s.Pair!, s => s.Payload, StringComparer.Ordinal);
    private readonly Dictionary<string, int> _snapshotsServed = new(StringComparer.Ordinal);
    private long _position;

    public BitstampCodec Replica => _replica;

    /// <summary>REST snapshots served for <paramref name="pair"/> so far.</summary>
    public int SnapshotsServed(string pair) => _snapshotsServed.GetValueOrDefault(pair);

    public override void Publish(RecordedMessage message)
    {
        _position++;
        if (message.Kind == CaptureLineKind.Received)
            _replica.Decode(message.Payload, message.ReceiveTimeNs, _position);
        else if (PairOf(message.Url) is { } pair)
            _replica.ApplySnapshot(Encoding.ASCII.GetBytes(pair), message.Payload, message.ReceiveTimeNs, _position);
    }

    public override IReadOnlyList<byte[]> OnClientFrame(ReadOnlySpan<byte> frame, bool midStream) => [];

    public override byte[]? RestSnapshot(string pathAndQuery)
    {
        if (PairOf(pathAndQuery) is not { } pair)
            return null;
        _snapshotsServed[pair] = SnapshotsServed(pair) + 1;
        var sync = _replica.Book(new InstrumentId(BitstampCodec.Venue, pair));
        if (sync is null || sync.AwaitingSnapshot)
            return _recordedSnapshots.GetValueOrDefault(pair);
        long micros = sync.LastMicrotimestamp;
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture,
            $"{{\"timestamp\":\"{micros / 1_000_000}\",\"microtimestamp\":\"{micros}\",\"bids\":");
        BookJson.AppendSide(json, sync.Book, Side.Bid, BitstampCodec.Decimals);
        json.Append(",\"asks\":");
        BookJson.AppendSide(json, sync.Book, Side.Ask, BitstampCodec.Decimals);
        json.Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static string? PairOf(string url) =>
        BitstampCodec.TryGetSnapshotPair(Encoding.ASCII.GetBytes(url), out var pair) ? Encoding.ASCII.GetString(pair) : null;
}
