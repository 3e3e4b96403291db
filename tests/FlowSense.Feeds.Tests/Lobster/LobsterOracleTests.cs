using FlowSense.Feeds.Lobster;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;
using Xunit.Abstractions;

namespace FlowSense.Feeds.Tests.Lobster;

/// <summary>
/// The L3 book and the LOBSTER codec against LOBSTER's own reconstruction (its orderbook file): see
/// <see cref="DeterminedLevels"/> for which levels can be compared and why.
/// </summary>
public class LobsterOracleTests(ITestOutputHelper output)
{
    private const int Levels = LobsterSample.Levels;

    [Fact]
    public void The_sample_has_one_book_row_per_message()
    {
        Assert.Equal(999, LobsterSample.Messages.Count);
        Assert.Equal(999, LobsterSample.Rows.Count);
    }

    [Fact]
    public void Every_transition_rebuilds_every_determined_level()
    {
        IReadOnlyList<LobsterMessage> messages = LobsterSample.Messages;
        IReadOnlyList<BookRow> rows = LobsterSample.Rows;
        var book = new L3Book(LobsterSample.Session.Instrument);
        var failures = new List<string>();
        int transitions = 0, determined = 0, seeded = 0;

        for (int k = 1; k < messages.Count; k++)
        {
            BookRow before = rows[k - 1], after = rows[k];
            book.LoadSnapshot(before.Bids, before.Asks, sequence: before.LineNumber);
            if (LobsterSample.Session.TryMapOrder(messages[k], out OrderEvent order))
            {
                ApplyResult result = book.Apply(order);
                seeded += result == ApplyResult.AppliedToSeeded ? 1 : 0;
                if (!result.IsApplied() || result == ApplyResult.AppliedAfterGap)
                    failures.Add($"line {messages[k].LineNumber}: {result}");
            }
            determined += CompareSide(Side.Bid, before.Bids, after.Bids, book, k, failures);
            determined += CompareSide(Side.Ask, before.Asks, after.Asks, book, k, failures);
            transitions++;
        }

        output.WriteLine($"{transitions} transitions, {determined} of {transitions * 2 * Levels} levels determined and equal, " +
                         $"{seeded} messages applied to seeded liquidity");
        Assert.Empty(failures);
        Assert.Equal(998, transitions);
        Assert.True(determined >= transitions * 2 * (Levels - 1), "at most one level per side can be revealed by one message");
    }

    [Fact]
    public void A_continuous_replay_from_the_first_row_matches_every_determined_level()
    {
        IReadOnlyList<LobsterMessage> messages = LobsterSample.Messages;
        IReadOnlyList<BookRow> rows = LobsterSample.Rows;
        var book = new L3Book(LobsterSample.Session.Instrument);
        book.LoadSnapshot(rows[0].Bids, rows[0].Asks, sequence: rows[0].LineNumber);
        long? bidBoundary = DeterminedLevels.BoundaryOf(rows[0].Bids, Levels);
        long? askBoundary = DeterminedLevels.BoundaryOf(rows[0].Asks, Levels);
        var failures = new List<string>();
        int fullMatches = 0, fullyDetermined = 0, refused = 0;

        for (int k = 1; k < messages.Count; k++)
        {
            if (!LobsterSample.Session.ApplyTo(book, messages[k]).IsApplied())
                refused++; // an order from beyond the seeded window: counted by the book, nothing to attribute it to
            BookRow row = rows[k];
            bidBoundary = DeterminedLevels.Tighter(Side.Bid, bidBoundary, DeterminedLevels.BoundaryOf(row.Bids, Levels));
            askBoundary = DeterminedLevels.Tighter(Side.Ask, askBoundary, DeterminedLevels.BoundaryOf(row.Asks, Levels));
            int bids = DeterminedLevels.Compare(Side.Bid, row.Bids, book, bidBoundary, Levels, out string? bidMismatch);
            int asks = DeterminedLevels.Compare(Side.Ask, row.Asks, book, askBoundary, Levels, out string? askMismatch);
            if (bidMismatch is not null || askMismatch is not null)
                failures.Add($"row {row.LineNumber}: {bidMismatch} {askMismatch}");
            fullyDetermined += bids == Levels && asks == Levels ? 1 : 0;
            fullMatches += DeterminedLevels.MatchesFully(Side.Bid, row.Bids, book, Levels)
                && DeterminedLevels.MatchesFully(Side.Ask, row.Asks, book, Levels) ? 1 : 0;
        }

        output.WriteLine($"continuous replay: {fullMatches} of {messages.Count - 1} rows match on all {2 * Levels} levels; " +
                         $"{fullyDetermined} rows are fully determined; {refused} events refused ({book.Errors})");
        Assert.Empty(failures);
        Assert.Equal(0, book.Errors.SequenceGaps);
        Assert.False(book.ResyncRequired);
        Assert.True(fullMatches >= fullyDetermined, $"{fullMatches} full matches < {fullyDetermined} fully determined rows");
    }

    [Fact]
    public void Replaying_into_a_warm_book_allocates_nothing()
    {
        OrderEvent[] orders = LobsterSample.Messages.Skip(1)
            .Select(m => LobsterSample.Session.TryMapOrder(m, out OrderEvent e) ? e : (OrderEvent?)null)
            .OfType<OrderEvent>().ToArray();
        BookRow seed = LobsterSample.Rows[0];
        var l3 = new L3Book(LobsterSample.Session.Instrument);
        var top = new Level[Levels];

        long Replay()
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            l3.LoadSnapshot(seed.Bids, seed.Asks);
            foreach (OrderEvent order in orders)
            {
                l3.Apply(order);
                l3.TopLevels(Side.Bid, top);
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Replay(); // grows the pools and the id map to the stream's peak
        Assert.Equal(0, Replay());
    }

    private static int CompareSide(Side side, Level[] before, Level[] after, L3Book book, int k, List<string> failures)
    {
        long? boundary = DeterminedLevels.BoundaryOf(before, Levels);
        int determined = DeterminedLevels.Compare(side, after, book, boundary, Levels, out string? mismatch);
        if (mismatch is not null)
            failures.Add($"transition {k}: {mismatch}");
        return determined;
    }
}
