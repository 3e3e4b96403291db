using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Recording;
using FlowSense.Pipeline.Symbols;
using static FlowSense.Pipeline.Tests.Symbols.TestEvents;

namespace FlowSense.Pipeline.Tests.Recording;

/// <summary>Recording rows costs no allocation per row once warm: trades, quotes, book-top levels and feature samples.</summary>
public sealed class SymbolRecorderAllocationTests
{
    [Fact]
    public void Recording_trades_quotes_and_samples_allocates_nothing_in_steady_state()
    {
        var x = Id("X");
        var state = new SymbolState(new SymbolSettings(new Instrument(x, 0, 1, 0), BookType.L1) { BarTimeFrames = [TimeFrame.OneSecond] });
        var writer = new CountingWriter();
        var recorder = new SymbolRecorder(new SeriesRecording(writer) { BookTopInterval = TimeSpan.FromMilliseconds(10), FeaturesInterval = TimeSpan.FromMilliseconds(10) });
        MarketEvent[] events = [.. Enumerable.Range(1, 20_000).Select(i => i % 2 == 0 ? Quote(x, i, i, 100, 102 + (i % 3)) : Trade(x, i, 101))];

        long allocated = 0;
        for (int round = 0; round < 2; round++) // the first round warms up (JIT, statics)
        {
            allocated = 0;
            foreach (MarketEvent e in events[(round * 10_000)..((round + 1) * 10_000)])
            {
                long latest = state.Counters.LastEventTimeNs;
                state.Apply(e);
                long before = GC.GetAllocatedBytesForCurrentThread();
                recorder.OnApplied(e, latest, state.Counters.Applied, state);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }

        Assert.Equal(0, allocated);
        Assert.Equal(20_000, writer.Trades + writer.Quotes);
        Assert.Equal(2_001, writer.BookTops); // one per 10 ms of exchange time: 1..20,000 ms touches intervals 0..2,000
        Assert.Equal(2_001, writer.Features);
    }

    /// <summary>Takes every row and keeps only counts.</summary>
    private sealed class CountingWriter : ISeriesWriter
    {
        public int Trades, Quotes, BookTops, Features;

        public bool TryWriteTrade(in Trade trade) => ++Trades > 0;

        public bool TryWriteQuote(in Quote quote) => ++Quotes > 0;

        public bool TryWriteBar(InstrumentId instrument, TimeFrame timeFrame, in Bar bar) => true;

        public bool TryWriteFeatures(InstrumentId instrument, in FeatureSnapshot features) => ++Features > 0;

        public bool TryWriteBookTop(in EventHeader header, in LevelView levels) => ++BookTops > 0;

        public ValueTask WaitToWriteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
