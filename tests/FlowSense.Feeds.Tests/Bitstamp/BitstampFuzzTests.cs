using System.Text;
using FlowSense.Feeds.Bitstamp;
using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Tests.Capture;
using FlowSense.Feeds.Tests.Venues;

namespace FlowSense.Feeds.Tests.Bitstamp;

public class BitstampFuzzTests
{
    [Fact]
    public void Mutated_recorded_messages_and_snapshots_never_throw_and_every_reject_is_counted()
    {
        var messages = CaptureReplay.Load("BITSTAMP.ws.1.0").Where(l => l.Kind == CaptureLineKind.Received).Select(l => l.Payload).ToList();
        var snapshots = CaptureReplay.Load("BITSTAMP.http.0.0").Where(l => l.Kind == CaptureLineKind.RestResponse).ToList();
        var fuzzer = new VenueFuzzer(seed: 1641343690);
        var codec = new BitstampCodec(new CountingSink(), fuzzer.Quarantine, "bitstamp:fuzz");
        var random = new Random(11);

        // Snapshots are large (thousands of levels): one in ten inputs is one, mutated or not.
        var inputs = messages.Concat(Enumerable.Repeat(snapshots.Select(s => s.Payload), 8).SelectMany(x => x)).ToList();
        fuzzer.Run(inputs, 30_000, (input, position) =>
        {
            if (input.AsSpan().StartsWith("{\"timestamp\": "u8))
                return codec.ApplySnapshot(Encoding.ASCII.GetBytes(snapshots[random.Next(snapshots.Count)].Url.Split('/')[^1]), input, position, position);
            return codec.Decode(input, position, position);
        });

        fuzzer.AssertAccounted(codec.Stats);
        Assert.True(codec.Bitstamp.Diffs > 0 && codec.Bitstamp.Trades > 0 && codec.Bitstamp.Snapshots > 0);
        Assert.True(codec.Books.Sum(b => b.Applied) > 0);
        foreach (var sync in codec.Books)
            VenueFuzzer.AssertWellFormed(sync.Book);
    }

    [Fact]
    public void Snapshot_pairs_from_urls()
    {
        Assert.True(BitstampCodec.TryGetSnapshotPair("https://www.bitstamp.net/api/v2/order_book/sgbeur"u8, out var p));
        Assert.Equal("sgbeur", Encoding.ASCII.GetString(p));
        Assert.True(BitstampCodec.TryGetSnapshotPair("https://www.bitstamp.net/api/v2/order_book/btcusd/?group=1"u8, out p));
        Assert.Equal("btcusd", Encoding.ASCII.GetString(p));
        Assert.False(BitstampCodec.TryGetSnapshotPair("https://www.bitstamp.net/api/v2/trading-pairs-info/"u8, out _));
    }
}
