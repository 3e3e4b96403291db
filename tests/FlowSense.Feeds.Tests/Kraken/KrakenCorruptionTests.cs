using System.Globalization;
using System.Text;
using System.Text.Json;
using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Kraken;
using FlowSense.Feeds.Tests.Capture;
using FlowSense.Feeds.Tests.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Tests.Kraken;

/// <summary>
/// One flipped volume in one recorded update: the checksum catches it at that very message, the pair asks for a resync
/// and stops applying updates, every other pair goes on matching, and a fresh snapshot puts it back in sync.
/// </summary>
public class KrakenCorruptionTests
{
    [Fact]
    public void A_corrupted_volume_is_caught_by_the_checksum_and_a_snapshot_resyncs_the_pair()
    {
        var lines = CaptureReplay.Load("KRAKEN.ws.50.0").Where(l => l.Kind == CaptureLineKind.Received).ToList();
        var (target, snapshot) = PickTopOfBookAskUpdate(lines, nth: 100);
        var corrupted = lines.ToList();
        corrupted[target] = corrupted[target] with { Payload = BumpFirstAskVolume(lines[target].Payload) };
        corrupted.Insert(target + 1, lines[target] with { Payload = snapshot });

        var codec = new KrakenCodec(new CountingSink(), new Quarantine.Quarantine());
        var mismatchesAt = new List<int>();
        var resyncs = new List<InstrumentId>();
        int at = 0;
        codec.ChecksumVerified += (_, expected, computed) => { if (expected != computed) mismatchesAt.Add(at); };
        codec.ResyncRequested += resyncs.Add;
        for (; at < corrupted.Count; at++)
            codec.Decode(corrupted[at].Payload, corrupted[at].ReceiveTimeNs, corrupted[at].Line);

        string pair = PairOf(lines[target].Payload);
        Assert.Equal([target], mismatchesAt);
        Assert.Equal([new InstrumentId(KrakenCodec.Venue, pair)], resyncs);
        Assert.Equal(4268, codec.Kraken.ChecksumMatches); // all but the corrupted one: the snapshot restored the pair
        Assert.Equal(11, codec.Kraken.Snapshots);
        Assert.All(codec.Pairs, p => Assert.False(p.AwaitingSnapshot));
    }

    [Fact]
    public void Without_a_snapshot_the_pair_stays_frozen_and_its_updates_are_dropped()
    {
        var lines = CaptureReplay.Load("KRAKEN.ws.50.0").Where(l => l.Kind == CaptureLineKind.Received).ToList();
        var (target, _) = PickTopOfBookAskUpdate(lines, nth: 100);
        string pair = PairOf(lines[target].Payload);
        int laterForPair = lines.Skip(target + 1).Count(l => IsUpdateFor(l.Payload, pair));

        var codec = new KrakenCodec(new CountingSink(), new Quarantine.Quarantine());
        for (int i = 0; i < lines.Count; i++)
            codec.Decode(i == target ? BumpFirstAskVolume(lines[i].Payload) : lines[i].Payload, lines[i].ReceiveTimeNs, lines[i].Line);

        Assert.True(laterForPair > 0);
        Assert.Equal(1, codec.Kraken.ChecksumMismatches);
        Assert.Equal(laterForPair, codec.Kraken.DroppedAwaitingSnapshot);
        Assert.Equal(4268 - laterForPair, codec.Kraken.ChecksumMatches);
        Assert.True(codec.IsAwaitingSnapshot(new InstrumentId(KrakenCodec.Venue, pair)));
    }

    /// <summary>
    /// The nth update whose first ask lands in the top 10 (so its volume enters the checksum at once), and a Kraken
    /// snapshot message of that pair's correct book right after it, taken from an uncorrupted replay.
    /// </summary>
    private static (int Index, byte[] Snapshot) PickTopOfBookAskUpdate(List<(long Line, long ReceiveTimeNs, CaptureLineKind Kind, string Url, byte[] Payload)> lines, int nth)
    {
        var reference = new KrakenCodec(new CountingSink(), new Quarantine.Quarantine());
        int seen = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            reference.Decode(lines[i].Payload, lines[i].ReceiveTimeNs, lines[i].Line);
            if (FirstAsk(lines[i].Payload) is not (string price, string volume) || decimal.Parse(volume, CultureInfo.InvariantCulture) == 0)
                continue;
            var state = reference.Pair(new InstrumentId(KrakenCodec.Venue, PairOf(lines[i].Payload)))!;
            long raw = (long)(decimal.Parse(price, CultureInfo.InvariantCulture) * FixedPoint.Pow10(state.PriceDecimals));
            bool inTop10 = Enumerable.Range(0, 10).Any(d => state.Book.LevelAt(Side.Ask, d).Price == raw);
            if (inTop10 && ++seen == nth)
                return (i, SnapshotMessage(state));
        }
        throw new InvalidOperationException("the capture has too few top-of-book ask updates");
    }

    private static byte[] SnapshotMessage(KrakenPair state)
    {
        string Side(Side side) => string.Join(",", Enumerable.Range(0, state.Book.Count(side)).Select(d =>
        {
            var level = state.Book.LevelAt(side, d);
            return $"[\"{Fixed(level.Price, state.PriceDecimals)}\",\"{Fixed(level.Size, state.SizeDecimals)}\",\"1618678200.000000\"]";
        }));
        return Encoding.UTF8.GetBytes($"[0,{{\"as\":[{Side(MarketData.Events.Side.Ask)}],\"bs\":[{Side(MarketData.Events.Side.Bid)}]}},\"book-{state.Depth}\",\"{state.Instrument.Symbol}\"]");
    }

    private static string Fixed(long raw, int decimals) => FixedPoint.ToDecimal(raw, decimals).ToString(CultureInfo.InvariantCulture);

    private static byte[] BumpFirstAskVolume(byte[] payload)
    {
        var (_, volume) = FirstAsk(payload)!.Value;
        // Add one unit in the last decimal place: same text length, a different CRC.
        int decimals = volume.Length - volume.IndexOf('.', StringComparison.Ordinal) - 1;
        decimal bumped = decimal.Parse(volume, CultureInfo.InvariantCulture) + FixedPoint.ToDecimal(1, decimals);
        string text = Encoding.UTF8.GetString(payload);
        int at = text.IndexOf("\"" + volume + "\"", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, at + 1), bumped.ToString("F" + decimals, CultureInfo.InvariantCulture), text.AsSpan(at + 1 + volume.Length)));
    }

    private static (string Price, string Volume)? FirstAsk(byte[] payload)
    {
        if (payload[0] != (byte)'[')
            return null;
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        if (root.GetArrayLength() < 4 || root[1].ValueKind != JsonValueKind.Object || !root[1].TryGetProperty("a", out var asks) || asks.GetArrayLength() == 0)
            return null;
        if (!root.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("c", out _)))
            return null;
        return (asks[0][0].GetString()!, asks[0][1].GetString()!);
    }

    private static bool IsUpdateFor(byte[] payload, string pair)
    {
        string text = Encoding.UTF8.GetString(payload);
        return text.StartsWith('[') && text.Contains("\"c\":\"", StringComparison.Ordinal) && text.EndsWith($"\"{pair}\"]", StringComparison.Ordinal);
    }

    private static string PairOf(byte[] payload)
    {
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        return root[root.GetArrayLength() - 1].GetString()!;
    }
}
