using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;
using FlowSense.Pipeline.Symbols;
using static FlowSense.Pipeline.Tests.Symbols.TestEvents;

namespace FlowSense.Pipeline.Tests.Symbols;

/// <summary>The symbol state alone: sequence handling per kind, L2 message batches and snapshots, refusals counted.</summary>
public sealed class SymbolStateTests
{
    private static readonly InstrumentId X = Id("X");

    private static SymbolState L2State(SequenceScope scope = SequenceScope.PerInstrument) =>
        new(new SymbolSettings(new Instrument(X, 0, 1, 0), BookType.L2) { SequenceScope = scope });

    [Fact]
    public void Duplicates_are_skipped_and_counted_never_applied_twice()
    {
        var state = L2State();
        Assert.Equal(EventOutcome.Applied, state.Apply(Delta(X, 1, 1, Side.Bid, 99, 5)));
        Assert.Equal(EventOutcome.Applied, state.Apply(Delta(X, 2, 2, Side.Bid, 99, 6)));
        Assert.Equal(EventOutcome.Duplicate, state.Apply(Delta(X, 3, 1, Side.Bid, 99, 1)));
        Assert.Equal(EventOutcome.Duplicate, state.Apply(Delta(X, 3, 2, Side.Bid, 99, 1)));
        Assert.Equal(new Level(99, 6, 0), state.Book.BestBid);
        Assert.Equal((2L, 2L), (state.Counters.Applied, state.Counters.Duplicates));
    }

    [Fact]
    public void Deltas_of_one_venue_message_share_a_sequence()
    {
        var state = L2State();
        Assert.Equal(EventOutcome.Applied, state.Apply(Delta(X, 1, 7, Side.Bid, 99, 5, DeltaFlags.None)));
        Assert.Equal(EventOutcome.Applied, state.Apply(Delta(X, 1, 7, Side.Ask, 101, 5, DeltaFlags.LastInBatch)));
        Assert.Equal(EventOutcome.Duplicate, state.Apply(Delta(X, 2, 7, Side.Ask, 102, 5)));
        Assert.Equal(0, state.Counters.Gaps);
        // Features see the book once per message, when it is complete: both sides at once.
        Assert.Equal(100, state.Features.Snapshot().Mid);
    }

    [Fact]
    public void A_gap_is_applied_counted_and_reported_per_instrument_but_not_for_venue_wide_numbers()
    {
        var perInstrument = L2State();
        perInstrument.Apply(Delta(X, 1, 1, Side.Bid, 99, 5));
        Assert.Equal(EventOutcome.AppliedAfterGap, perInstrument.Apply(Delta(X, 2, 5, Side.Bid, 98, 5)));
        Assert.Equal(1, perInstrument.Counters.Gaps);

        var venueWide = L2State(SequenceScope.DuplicatesOnly);
        venueWide.Apply(Delta(X, 1, 1, Side.Bid, 99, 5));
        Assert.Equal(EventOutcome.Applied, venueWide.Apply(Delta(X, 2, 5, Side.Bid, 98, 5)));
        Assert.Equal(EventOutcome.Duplicate, venueWide.Apply(Delta(X, 3, 4, Side.Bid, 97, 5)));
        Assert.Equal(0, venueWide.Counters.Gaps);
    }

    [Fact]
    public void A_snapshot_restarts_the_sequence_and_replaces_the_book()
    {
        var state = L2State();
        state.Apply(Delta(X, 1, 100, Side.Bid, 99, 5));
        // A resync snapshot at an older id (taken before the last diff) is still the truth.
        Assert.Equal(EventOutcome.Applied, state.Apply(Delta(X, 2, 90, Side.Bid, 95, 1, DeltaFlags.Snapshot)));
        Assert.Equal(EventOutcome.Applied, state.Apply(Delta(X, 2, 90, Side.Ask, 96, 1, DeltaFlags.Snapshot | DeltaFlags.LastInBatch)));
        Assert.Equal(EventOutcome.Applied, state.Apply(Delta(X, 3, 91, Side.Bid, 95, 2)));
        Assert.Equal(new Level(95, 2, 0), state.Book.BestBid);
        Assert.Equal(1, state.Book.LevelCount(Side.Bid));
        Assert.Equal(0, state.Counters.Duplicates);
    }

    [Fact]
    public void Kinds_are_sequenced_apart_and_foreign_or_empty_events_are_rejected()
    {
        var state = new SymbolState(new SymbolSettings(new Instrument(X, 0, 1, 0), BookType.L1));
        Assert.Equal(EventOutcome.Applied, state.Apply(Quote(X, 1, 10, 99, 101)));
        Assert.Equal(EventOutcome.Applied, state.Apply(Trade(X, 2, 100)));       // trades carry no sequence here
        Assert.Equal(EventOutcome.Applied, state.Apply(Quote(X, 3, 11, 99, 102)));
        Assert.Equal(EventOutcome.Skipped, state.Apply(Delta(X, 4, 1, Side.Bid, 1, 1))); // an L1 book has no levels to change
        Assert.Equal(EventOutcome.Rejected, state.Apply(Trade(Id("Y"), 5, 100)));
        Assert.Equal(EventOutcome.Rejected, state.Apply(default));
        Assert.Equal(EventOutcome.Rejected, state.Apply(Trade(X, 6, 100, size: 0)));
        Assert.Equal((3L, 1L, 3L), (state.Counters.Applied, state.Counters.Skipped, state.Counters.Rejected));
    }
}
