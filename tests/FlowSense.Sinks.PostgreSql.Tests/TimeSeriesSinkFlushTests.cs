using FlowSense.Actors.Persistence.TestSupport;
using FlowSense.Actors.Persistence.PostgreSql.BinaryCopy;
using FlowSense.MarketData.Events;
using FlowSense.Sinks.PostgreSql.Series;
using FlowSense.Sinks.PostgreSql.Tests.Scripted;
using FlowSense.Sinks.PostgreSql.TimeSeries;

namespace FlowSense.Sinks.PostgreSql.Tests;

/// <summary><see cref="TimeSeriesSink{TRow}.FlushAsync"/>: what it waits for, what it costs.</summary>
public sealed class TimeSeriesSinkFlushTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_flush_with_nothing_pending_is_already_complete()
    {
        await using var scripted = new ScriptedSink(new TimeSeriesSinkOptions { BatchSize = 100 });
        Assert.True(scripted.Sink.FlushAsync().IsCompletedSuccessfully);

        foreach (Trade trade in TradeTape.Of("IDLE", 5))
            await scripted.Sink.WriteAsync(trade);
        await scripted.Sink.FlushAsync().WaitAsync(Patience);

        Assert.True(scripted.Sink.FlushAsync().IsCompletedSuccessfully);
        Assert.Equal([5], scripted.Loader.Loaded); // the second flush sent no empty batch
    }

    [Fact]
    public async Task A_flush_ends_the_batch_being_filled_and_completes_only_once_the_rows_before_it_are_stored()
    {
        await using var scripted = new ScriptedSink(new TimeSeriesSinkOptions { BatchSize = 1_000 });
        scripted.Loader.Hold();
        Trade[] tape = [.. TradeTape.Of("FLUSH", 12)];
        foreach (Trade trade in tape[..7])
            await scripted.Sink.WriteAsync(trade);

        Task flush = scripted.Sink.FlushAsync();
        foreach (Trade trade in tape[7..]) // after the flush: not its business
            await scripted.Sink.WriteAsync(trade);
        await Probe.EventuallyAsync(() => scripted.Loader.Attempts == 1, "the flushed batch is loading");
        Assert.False(flush.IsCompleted);

        scripted.Loader.Release();
        await flush.WaitAsync(Patience);

        Assert.Equal(7, scripted.Loader.Loaded[0]); // cut at the flush, long before 1,000 rows or the interval
        Assert.True(scripted.Sink.Counters.Inserted >= 7);
        await scripted.Sink.FlushAsync().WaitAsync(Patience);
        Assert.Equal((12L, 0L), (scripted.Sink.Counters.Inserted, scripted.Sink.Counters.Buffered));
    }

    [Fact]
    public async Task Rows_that_cannot_be_encoded_count_as_settled_for_a_flush()
    {
        await using var scripted = new ScriptedSink(new TimeSeriesSinkOptions { BatchSize = 100 }, new UnencodableAboveTable(maxPrice: 2_000_000));
        await scripted.Sink.WriteAsync(TradeTape.TradeAt("BAD", TradeTape.LateEvening, 1, price: 9_000_000));
        await scripted.Sink.WriteAsync(TradeTape.TradeAt("BAD", TradeTape.LateEvening, 2));
        await scripted.Sink.FlushAsync().WaitAsync(Patience);

        Assert.Equal((1L, 1L, 0L), (scripted.Sink.Counters.Inserted, scripted.Sink.Counters.Failed, scripted.Sink.Counters.Buffered));
    }

    [Fact]
    public async Task A_flush_after_the_sink_is_closed_completes()
    {
        var scripted = new ScriptedSink(new TimeSeriesSinkOptions { BatchSize = 100 });
        await scripted.Sink.WriteAsync(TradeTape.TradeAt("SHUT", TradeTape.LateEvening, 1));
        await scripted.DisposeAsync();

        await scripted.Sink.FlushAsync().WaitAsync(Patience);
        Assert.Equal(1, scripted.Sink.Counters.Inserted);
    }

    /// <summary>The trades table, refusing to encode a trade priced above a limit (as a table rejects bad input).</summary>
    private sealed class UnencodableAboveTable(long maxPrice) : ITimeSeriesTable<Trade>
    {
        private readonly TradesTable _trades = new();

        public string Name => _trades.Name;

        public IReadOnlyList<string> Columns => _trades.Columns;

        public IReadOnlyList<string> KeyColumns => _trades.KeyColumns;

        public string TimeColumn => _trades.TimeColumn;

        public SeriesKey SeriesOf(in Trade row) => _trades.SeriesOf(row);

        public SeriesPosition PositionOf(in Trade row) => _trades.PositionOf(row);

        public void WriteRow(CopyRowWriter writer, in Trade row)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(row.Price, maxPrice);
            _trades.WriteRow(writer, row);
        }
    }
}
