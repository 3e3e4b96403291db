using System.Buffers;
using FlowSense.Feeds.Lean;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;
using FlowSense.Pipeline.Symbols;
using FlowSense.Pipeline.Tests.Ingestion;
using FlowSense.Testing;
using static FlowSense.Pipeline.Tests.Symbols.TestEvents;

namespace FlowSense.Pipeline.Tests.Symbols;

/// <summary>
/// Bars close when exchange time passes their end, whatever event carries the time (LEAN's consolidators' rule), not
/// only on the next trade; and on IBM's day the bars are still the trade-built ones the vendor's minute bars confirm.
/// </summary>
public sealed class BarClosingTests
{
    private static readonly InstrumentId X = Id("X");

    private static SymbolState State(BookType book) =>
        new(new SymbolSettings(new Instrument(X, 0, 1, 0), book) { SequenceScope = SequenceScope.DuplicatesOnly });

    [Fact]
    public void A_book_update_past_a_bars_end_closes_it_and_a_trade_for_that_period_afterwards_is_counted_late()
    {
        SymbolState state = State(BookType.L2);
        state.Apply(Trade(X, 100, 100, 2));
        state.Apply(Trade(X, 500, 101, 3));

        state.Apply(Delta(X, 999, 1, Side.Bid, 99, 5));
        Assert.Empty(state.ClosedBars); // not before its end

        state.Apply(Delta(X, 1000, 2, Side.Bid, 99, 6));
        (TimeFrame frame, Bar bar) = Assert.Single(state.ClosedBars);
        Assert.Equal((TimeFrame.OneSecond, 0L, 1_000_000_000L, 5L, 100L, 101L), (frame, bar.StartTimeNs, bar.EndTimeNs, bar.Volume, bar.Open, bar.Close));
        state.ClearClosedBars();

        state.Apply(Trade(X, 900, 102, 1)); // its second has closed: left out and counted, never merged into a later bar
        Assert.Equal(1, state.TradesLeftOutOfBars);
        Assert.Empty(state.ClosedBars);

        state.Apply(Delta(X, 60_000, 3, Side.Ask, 103, 1));
        Assert.Equal([TimeFrame.OneMinute], state.ClosedBars.Select(c => c.TimeFrame));
        Assert.Equal(5, state.RecentBars(TimeFrame.OneMinute, 1).Single().Volume);
    }

    [Fact]
    public void A_quote_past_a_bars_end_closes_it_on_an_L1_book()
    {
        SymbolState state = State(BookType.L1);
        state.Apply(Trade(X, 10, 100));
        state.Apply(Quote(X, 1_500, 1, 99, 101));
        Assert.Equal(TimeFrame.OneSecond, Assert.Single(state.ClosedBars).TimeFrame);
    }

    [Fact]
    public void A_state_restored_from_an_earlier_checkpoint_closes_the_restored_bar_at_its_end()
    {
        // The state keeps a copy of the bars' quiet period; restoring must replace it, not leave a later one that
        // would hold back the restored bar's close.
        SymbolState earlier = State(BookType.L2);
        earlier.Apply(Trade(X, 100, 100, 2));
        var output = new ArrayBufferWriter<byte>();
        var writer = new CheckpointWriter(output);
        earlier.WriteCheckpoint(ref writer);
        writer.Complete();

        SymbolState state = State(BookType.L2);
        state.Apply(Trade(X, 5_000, 100, 1)); // its own bar runs to 6 s
        var reader = new CheckpointReader(output.WrittenSpan);
        state.RestoreCheckpoint(ref reader);
        reader.Complete();

        state.Apply(Delta(X, 1_000, 1, Side.Bid, 99, 6));
        (TimeFrame frame, Bar bar) = Assert.Single(state.ClosedBars);
        Assert.Equal((TimeFrame.OneSecond, 0L, 2L), (frame, bar.StartTimeNs, bar.Volume));
    }

    [Fact]
    public void An_event_that_is_not_applied_does_not_move_the_clock()
    {
        SymbolState state = State(BookType.L1);
        state.Apply(Trade(X, 10, 100));
        Assert.Equal(EventOutcome.Applied, state.Apply(Quote(X, 500, 7, 99, 101)));
        Assert.Equal(EventOutcome.Duplicate, state.Apply(Quote(X, 5_000, 7, 99, 101)));
        Assert.Empty(state.ClosedBars);
    }

    [Fact]
    public async Task On_IBMs_day_quotes_close_the_bars_the_trades_alone_build_and_the_vendors_minute_volumes_agree()
    {
        SymbolSettings settings = Recorded.LeanSettings with { BarTimeFrames = [TimeFrame.OneMinute] };
        var state = new SymbolState(settings);
        var tradesOnly = new List<Bar>();
        var builder = new TimeBarBuilder(TimeFrame.OneMinute, settings.SaleConditions);
        long closedByQuote = 0;
        foreach (MarketEvent e in await Recorded.EventsOf(Recorded.LeanIbm()))
        {
            bool trade = e.Kind == MarketEventKind.Trade;
            state.Apply(e);
            closedByQuote += trade ? 0 : state.ClosedBars.Count;
            state.ClearClosedBars();
            if (trade && builder.Add(e.AsTrade(), out Bar closed))
                tradesOnly.Add(closed);
        }

        Bar[] built = state.RecentBars(TimeFrame.OneMinute, 100_000);
        // The trade-only builder still holds its last bar open; otherwise the bars are the same, none lost as late.
        Assert.Equal(tradesOnly, built.Take(tradesOnly.Count));
        Assert.True(built.Length - tradesOnly.Count <= 1);
        Assert.Equal(builder.ExcludedTrades, state.TradesLeftOutOfBars);
        Assert.True(closedByQuote > 0, "no bar was closed by a quote");

        var vendor = LeanDataReader.ReadTradeBars(SharedData.File("equity-ticks", "minute", "20131007_trade.zip"), TimeSpan.FromMinutes(1), new LeanReadReport())
            .ToDictionary(b => b.StartTimeNs);
        int volumeEqual = built.Count(b => vendor.TryGetValue(b.StartTimeNs, out Bar v) && v.Volume == b.Volume);
        Assert.Equal(453, vendor.Count);
        Assert.True(volumeEqual >= 451, $"volume equal on {volumeEqual} of {vendor.Count} vendor minutes"); // the closing cross: see TimeBarBuilder
    }
}
