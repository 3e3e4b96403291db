using System.Text;
using FlowSense.Feeds.Bitstamp;
using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Tests.Capture;
using FlowSense.Feeds.Tests.Venues;
using Xunit.Abstractions;

namespace FlowSense.Feeds.Tests.Bitstamp;

/// <summary>
/// Bitstamp publishes no checksum or best bid/offer beside the diffs, so the recorded session (10 pairs, REST snapshots
/// then diff_order_book) is checked for consistency: every pair syncs from its snapshot, microtimestamps only move
/// forward per pair, every diff is either covered by the snapshot or applied, and no applied diff leaves a book crossed.
/// </summary>
public class BitstampConsistencyTests(ITestOutputHelper output)
{
    [Fact]
    public void The_recorded_session_rebuilds_ten_books_that_never_cross()
    {
        var session = CaptureReplay.Load("BITSTAMP.ws.1.0").Concat(CaptureReplay.Load("BITSTAMP.http.0.0"))
            .Where(l => l.Kind is CaptureLineKind.Received or CaptureLineKind.RestResponse).OrderBy(l => l.ReceiveTimeNs).ToList();
        var codec = new BitstampCodec(new CountingSink(), new Quarantine.Quarantine());
        int crossedAfterDiff = 0, applied = 0;
        codec.DiffApplied += sync => { applied++; if (sync.Book.IsCrossed) crossedAfterDiff++; };
        int resyncs = 0;
        codec.ResyncRequested += _ => resyncs++;

        foreach (var line in session)
        {
            if (line.Kind == CaptureLineKind.RestResponse)
            {
                Assert.True(BitstampCodec.TryGetSnapshotPair(Encoding.UTF8.GetBytes(line.Url), out var pair));
                codec.ApplySnapshot(pair, line.Payload, line.ReceiveTimeNs, line.Line);
            }
            else
            {
                codec.Decode(line.Payload, line.ReceiveTimeNs, line.Line);
            }
        }

        var books = codec.Books.ToList();
        foreach (var b in books)
            output.WriteLine($"{b.Instrument.Symbol}: applied {b.Applied}, stale {b.Stale}, buffered {b.Buffered}, levels {b.Book.Count(MarketData.Events.Side.Bid)}/{b.Book.Count(MarketData.Events.Side.Ask)}, best {b.Book.BestBid.Price}/{b.Book.BestAsk.Price}");
        Assert.Equal(0, codec.Stats.Rejected);
        Assert.Equal(10, codec.Bitstamp.Snapshots);
        Assert.Equal(10, books.Count);
        Assert.Equal(717, codec.Bitstamp.Diffs);
        Assert.Equal(10, codec.Bitstamp.Trades);
        Assert.Equal(0, codec.Bitstamp.OutOfOrderDiffs);
        Assert.All(books, b => Assert.False(b.AwaitingSnapshot));
        Assert.Equal(codec.Bitstamp.Diffs, books.Sum(b => b.Applied + b.Stale));
        Assert.Equal(applied, books.Sum(b => b.Applied));
        Assert.True(applied > 600, $"only {applied} diffs applied");
        Assert.Equal(0, crossedAfterDiff);
        Assert.Equal(0, resyncs);
    }
}
