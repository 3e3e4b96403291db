using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowSense.Feeds.Kraken;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.TestSupport.LoopbackVenues;

/// <summary>
/// Kraken (WebSocket v1) as the loopback venue plays it: a replica of every pair's book, kept by a
/// <see cref="KrakenCodec"/> fed everything published, answers a book subscription made mid-stream with a snapshot
/// message of the book as it stands now, on the pair's recorded channel id, as Kraken does.
/// </summary>
public sealed class KrakenSimulator : VenueSimulator
{
    private readonly KrakenCodec _replica = new(new NullSink(), new Quarantine.Quarantine(), "replica");
    private readonly Dictionary<string, long> _channels = new(StringComparer.Ordinal);
    private long _position;

    public KrakenCodec Replica => _replica;

    public override void Publish(RecordedMessage message)
    {
        _replica.Decode(message.Payload, message.ReceiveTimeNs, ++_position);
        if (JsonNode.Parse(message.Payload) is JsonObject { } status && (string?)status["event"] == "subscriptionStatus"
            && (string?)status["channelName"] is { } name && name.StartsWith("book", StringComparison.Ordinal))
            _channels[(string)status["pair"]!] = (long)status["channelID"]!;
    }

    public override IReadOnlyList<byte[]> OnClientFrame(ReadOnlySpan<byte> frame, bool midStream)
    {
        var request = JsonNode.Parse(frame)!;
        if ((string?)request["event"] != "subscribe" || (string?)request["subscription"]?["name"] != "book" || !midStream)
            return [];
        // A pair the replica has no book for yet gets its recorded snapshot later in the stream, as any subscriber does.
        return [.. request["pair"]!.AsArray().Select(p => (string)p!).Where(HasBook).Select(Snapshot)];
    }

    public override byte[]? RestSnapshot(string pathAndQuery) => null;

    public override byte[]? IdleHeartbeat { get; } = """{"event":"heartbeat"}"""u8.ToArray();

    /// <summary>
    /// True for a book update whose first level is non-zero and, once published, stands among the pair's top 10: the
    /// levels Kraken's checksum covers, so corrupting it must be detected.
    /// </summary>
    public bool TouchesChecksummedLevels(RecordedMessage message)
    {
        if (JsonNode.Parse(message.Payload) is not JsonArray { Count: >= 4 } update || update[1] is not JsonObject body
            || !body.ContainsKey("c") || body.FirstOrDefault(p => p.Key is "a" or "b") is not { Value: JsonArray side } levels)
            return false;
        var pair = _replica.Pair(new InstrumentId(KrakenCodec.Venue, (string)update[^1]!));
        var level = side[0]!.AsArray();
        decimal price = decimal.Parse((string)level[0]!, CultureInfo.InvariantCulture);
        if (pair is null || decimal.Parse((string)level[1]!, CultureInfo.InvariantCulture) == 0)
            return false;
        long raw = FixedPoint.FromDecimal(price, pair.PriceDecimals);
        var bookSide = levels.Key == "a" ? Side.Ask : Side.Bid;
        return Enumerable.Range(0, Math.Min(10, pair.Book.Count(bookSide))).Any(i => pair.Book.LevelAt(bookSide, i).Price == raw);
    }

    /// <summary>The update with its first level's volume changed in the last digit: the message stays well-formed, the book goes wrong.</summary>
    public override byte[] Corrupt(byte[] payload)
    {
        var message = JsonNode.Parse(payload)!.AsArray();
        var side = message[1]!.AsObject().First(p => p.Key is "a" or "b").Value!.AsArray();
        var level = side[0]!.AsArray();
        string volume = (string)level[1]!;
        char last = volume[^1];
        level[1] = volume[..^1] + (last == '9' ? '8' : (char)(last + 1));
        return Encoding.UTF8.GetBytes(message.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private bool HasBook(string pairName) =>
        _channels.ContainsKey(pairName) && _replica.Pair(new InstrumentId(KrakenCodec.Venue, pairName)) is { AwaitingSnapshot: false };

    private byte[] Snapshot(string pairName)
    {
        var pair = _replica.Pair(new InstrumentId(KrakenCodec.Venue, pairName))!;
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"[{_channels[pairName]},{{\"as\":");
        AppendSide(json, pair, Side.Ask);
        json.Append(",\"bs\":");
        AppendSide(json, pair, Side.Bid);
        json.Append(CultureInfo.InvariantCulture, $"}},\"book-{pair.Depth}\",\"{pairName}\"]");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static void AppendSide(StringBuilder json, KrakenPair pair, Side side)
    {
        json.Append('[');
        for (int i = 0; i < pair.Book.Count(side); i++)
        {
            var level = pair.Book.LevelAt(side, i);
            if (i > 0)
                json.Append(',');
            json.Append(CultureInfo.InvariantCulture,
                $"[\"{FixedPoint.ToDecimal(level.Price, pair.PriceDecimals)}\",\"{FixedPoint.ToDecimal(level.Size, pair.SizeDecimals)}\",\"1618678200.000000\"]");
        }
        json.Append(']');
    }
}
