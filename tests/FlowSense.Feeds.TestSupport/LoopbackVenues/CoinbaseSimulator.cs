using System.Text;
using System.Text.Json.Nodes;
using FlowSense.Feeds.Coinbase;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.TestSupport.LoopbackVenues;

/// <summary>
/// Coinbase Exchange as the loopback venue plays it: a replica of every product's book, kept by a
/// <see cref="CoinbaseCodec"/> fed everything published, answers a level2 subscription made mid-stream with a
/// <c>snapshot</c> message of the book as it stands now, as Coinbase does. A product the replica has no snapshot for
/// yet gets none: its recorded snapshot is still to come in the stream.
/// </summary>
public sealed class CoinbaseSimulator : VenueSimulator
{
    private readonly CoinbaseCodec _replica = new(new NullSink(), new Quarantine.Quarantine(), "replica");
    private long _position;

    public CoinbaseCodec Replica => _replica;

    /// <summary>Snapshot messages sent in answer to subscriptions so far.</summary>
    public int SnapshotsServed { get; private set; }

    public override void Publish(RecordedMessage message) => _replica.Decode(message.Payload, message.ReceiveTimeNs, ++_position);

    public override IReadOnlyList<byte[]> OnClientFrame(ReadOnlySpan<byte> frame, bool midStream)
    {
        var request = JsonNode.Parse(frame)!;
        if ((string?)request["type"] != "subscribe" || !midStream
            || !request["channels"]!.AsArray().Any(c => (string?)c == "level2"))
            return [];
        var snapshots = request["product_ids"]!.AsArray()
            .Select(p => new InstrumentId(CoinbaseCodec.Venue, (string)p!))
            .Where(p => !_replica.IsAwaitingSnapshot(p))
            .Select(Snapshot)
            .ToList();
        SnapshotsServed += snapshots.Count;
        return snapshots;
    }

    public override byte[]? RestSnapshot(string pathAndQuery) => null;

    private byte[] Snapshot(InstrumentId product)
    {
        var book = _replica.Book(product)!;
        var json = new StringBuilder();
        json.Append($$"""{"type":"snapshot","product_id":"{{product.Symbol}}","bids":""");
        BookJson.AppendSide(json, book, Side.Bid, CoinbaseCodec.Decimals);
        json.Append(",\"asks\":");
        BookJson.AppendSide(json, book, Side.Ask, CoinbaseCodec.Decimals);
        json.Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}
