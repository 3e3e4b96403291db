using System.Globalization;
using System.Text;
using FlowSense.Feeds.Binance;
using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Tests.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Tests.Binance;

/// <summary>
/// One NKNUSDT diff dropped from the recorded session: the next diff reveals the gap, the sync asks for a snapshot,
/// refuses the only recorded snapshot (it is older than the gap), and a snapshot taken after the gap (built from an
/// uncut replay, as the REST endpoint would have served it) brings the book back, equal to the uncut one.
/// </summary>
public class BinanceGapTests
{
    private static readonly InstrumentId Nkn = new(BinanceCodec.Venue, "NKNUSDT");

    [Fact]
    public void A_dropped_diff_is_detected_as_a_gap_and_a_newer_snapshot_resyncs_the_book()
    {
        var session = BinanceReplay.Session();
        var nknDiffs = session.Select((l, i) => (l, i)).Where(x => IsNknDiff(x.l.Payload)).Select(x => x.i).ToList();
        int dropped = nknDiffs[50], detector = nknDiffs[51], snapshotAfter = nknDiffs[53];

        // Reference: the uncut session, with the book's state captured when the cut one will need its snapshot.
        var reference = new BinanceCodec(new CountingSink(), new Quarantine.Quarantine());
        byte[]? freshSnapshot = null;
        for (int i = 0; i < session.Count; i++)
        {
            BinanceReplay.Feed(reference, session[i]);
            if (i == nknDiffs[52])
                freshSnapshot = RestSnapshot(reference.Book(Nkn)!);
        }

        var codec = new BinanceCodec(new CountingSink(), new Quarantine.Quarantine());
        var resyncs = new List<(int At, InstrumentId Instrument)>();
        int at = 0;
        codec.ResyncRequested += instrument => resyncs.Add((at, instrument));
        var recordedSnapshot = session.First(l => l.Kind == CaptureLineKind.RestResponse && l.Url.Contains("NKNUSDT", StringComparison.Ordinal));
        for (; at < session.Count; at++)
        {
            if (at == dropped)
                continue;
            BinanceReplay.Feed(codec, session[at]);
            if (at == detector)
            {
                Assert.Equal(BinanceSyncState.AwaitingSnapshot, codec.Book(Nkn)!.State);
                // The recorded snapshot predates the gap: refused, and a newer one is asked for again.
                codec.ApplySnapshot("NKNUSDT"u8, recordedSnapshot.Payload, session[at].ReceiveTimeNs, -1);
                Assert.Equal(1, codec.Book(Nkn)!.SnapshotsTooOld);
            }
            if (at == snapshotAfter)
                codec.ApplySnapshot("NKNUSDT"u8, freshSnapshot!, session[at].ReceiveTimeNs, -2);
        }

        var sync = codec.Book(Nkn)!;
        Assert.Equal([(detector, Nkn), (detector, Nkn)], resyncs);
        Assert.Equal(1, sync.Gaps);
        Assert.Equal(BinanceSyncState.Synced, sync.State);
        Assert.Equal(2, sync.SnapshotsLoaded);
        Assert.Equal(reference.Book(Nkn)!.LastUpdateId, sync.LastUpdateId);
        AssertSameBook(reference.Book(Nkn)!, sync);
        Assert.Equal(0, codec.Stats.Rejected);
    }

    [Fact]
    public void Diffs_before_the_first_snapshot_are_buffered_and_the_snapshot_drops_those_it_covers()
    {
        var sync = new BinanceBookSync(Nkn);
        var sink = new CountingSink();
        Assert.Equal(BinanceDiffOutcome.Buffered, sync.OnDiff(8, 10, [new(Side.Bid, 100, 1)], default, sink));
        Assert.Equal(BinanceDiffOutcome.Buffered, sync.OnDiff(11, 12, [new(Side.Bid, 101, 2)], default, sink));
        Assert.Equal(BinanceDiffOutcome.Buffered, sync.OnDiff(13, 13, [new(Side.Ask, 105, 3)], default, sink));
        // lastUpdateId 11: the first diff is covered (u=10 ≤ 11), the second straddles it (11 ≤ 12 ≤ 12), the third follows.
        Assert.Equal(BinanceSnapshotOutcome.Synced, sync.OnSnapshot(11, [new(Side.Bid, 99, 5), new(Side.Ask, 106, 4)], default, sink));
        Assert.Equal(13, sync.LastUpdateId);
        Assert.Equal(new(101, 2, 0), sync.Book.BestBid);
        Assert.Equal(new(105, 3, 0), sync.Book.BestAsk);
        Assert.Equal(0, sync.Book.SizeAt(Side.Bid, 100));
        Assert.Equal(BinanceDiffOutcome.Stale, sync.OnDiff(12, 13, [], default, sink));
        Assert.Equal(BinanceDiffOutcome.Gap, sync.OnDiff(15, 16, [], default, sink));
        Assert.Equal(BinanceSyncState.AwaitingSnapshot, sync.State);
    }

    [Fact]
    public void A_snapshot_older_than_the_buffered_diffs_is_refused()
    {
        var sync = new BinanceBookSync(Nkn);
        var sink = new CountingSink();
        sync.OnDiff(20, 25, [new(Side.Bid, 100, 1)], default, sink);
        Assert.Equal(BinanceSnapshotOutcome.TooOld, sync.OnSnapshot(10, [new(Side.Bid, 99, 5)], default, sink));
        Assert.Equal(BinanceSyncState.AwaitingSnapshot, sync.State);
        Assert.Equal(0, sink.Deltas);
        Assert.Equal(BinanceSnapshotOutcome.Synced, sync.OnSnapshot(22, [new(Side.Bid, 99, 5)], default, sink));
        Assert.Equal(25, sync.LastUpdateId);
    }

    [Fact]
    public void After_a_restart_an_older_snapshot_is_accepted_again()
    {
        var sync = new BinanceBookSync(Nkn);
        var sink = new CountingSink();
        sync.OnSnapshot(100, [new(Side.Bid, 99, 5)], default, sink);
        sync.OnDiff(101, 105, [new(Side.Bid, 98, 1)], default, sink);
        Assert.Equal(BinanceSnapshotOutcome.Ignored, sync.OnSnapshot(100, [new(Side.Bid, 99, 5)], default, sink));
        sync.Restart();
        Assert.Equal(BinanceSyncState.AwaitingSnapshot, sync.State);
        Assert.Equal(BinanceSnapshotOutcome.Synced, sync.OnSnapshot(100, [new(Side.Bid, 99, 5)], default, sink));
        Assert.Equal(1, sync.Book.Count(Side.Bid));
    }

    private static void AssertSameBook(BinanceBookSync expected, BinanceBookSync actual)
    {
        foreach (var side in new[] { Side.Bid, Side.Ask })
        {
            Assert.Equal(expected.Book.Count(side), actual.Book.Count(side));
            for (int d = 0; d < expected.Book.Count(side); d++)
                Assert.Equal(expected.Book.LevelAt(side, d), actual.Book.LevelAt(side, d));
        }
    }

    private static bool IsNknDiff(byte[] payload) => Encoding.UTF8.GetString(payload).StartsWith("{\"stream\":\"nknusdt@depth", StringComparison.Ordinal);

    /// <summary>The book as Binance's REST depth endpoint would serve it at the book's update id.</summary>
    private static byte[] RestSnapshot(BinanceBookSync sync)
    {
        string Levels(Side side) => string.Join(",", Enumerable.Range(0, sync.Book.Count(side)).Select(d =>
            $"[\"{Text(sync.Book.LevelAt(side, d).Price)}\",\"{Text(sync.Book.LevelAt(side, d).Size)}\"]"));
        return Encoding.UTF8.GetBytes($"{{\"lastUpdateId\":{sync.LastUpdateId},\"bids\":[{Levels(Side.Bid)}],\"asks\":[{Levels(Side.Ask)}]}}");
    }

    private static string Text(long raw) => FixedPoint.ToDecimal(raw, BinanceCodec.Decimals).ToString("F8", CultureInfo.InvariantCulture);
}
