using FlowSense.Actors.Persistence.TestSupport;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Sinks.PostgreSql.Series;
using FlowSense.Sinks.PostgreSql.TimeSeries;
using Npgsql;

namespace FlowSense.Sinks.PostgreSql.Tests;

public sealed class TimeSeriesSinkTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private async Task<long> ScalarAsync(string sql, string symbol)
    {
        await using NpgsqlCommand command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = symbol });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Trades_land_in_their_day_partitions_column_for_column()
    {
        string symbol = $"A{Guid.NewGuid():N}"[..12];
        await using (var sink = new TimeSeriesSink<Trade>(database.DataSource, new TradesTable(), new TimeSeriesSinkOptions { BatchSize = 64 }))
        {
            foreach (Trade trade in TradeTape.Of(symbol, 500))
                await sink.WriteAsync(trade);
            await sink.DisposeAsync();
            Assert.Equal(new SinkCounters(500, 0, 0, 0, sink.Counters.Batches, null), sink.Counters);
            Assert.InRange(sink.Counters.Batches, 8, 500); // 64 rows a batch, or fewer when the flush interval cut one short
        }

        Assert.Equal(500, await ScalarAsync("SELECT count(*) FROM trades WHERE symbol = $1", symbol));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM trades_p20261102 WHERE symbol = $1", symbol));
        Assert.Equal(499, await ScalarAsync("SELECT count(*) FROM trades_p20261103 WHERE symbol = $1", symbol));
        Assert.Equal(Enumerable.Range(0, 500).Sum(i => 1_234_500L + i), await ScalarAsync("SELECT sum(price) FROM trades WHERE symbol = $1", symbol));
        Assert.Equal(250, await ScalarAsync("SELECT count(trade_id) FROM trades WHERE symbol = $1 AND aggressor = 1 AND conditions = 16 AND receive_time_ns = exchange_time_ns + 5000", symbol));
    }

    [Fact]
    public async Task Replaying_the_same_tape_stores_nothing_twice_and_counts_the_duplicates()
    {
        string symbol = $"B{Guid.NewGuid():N}"[..12];
        await using (var first = new TimeSeriesSink<Trade>(database.DataSource, new TradesTable()))
        {
            foreach (Trade trade in TradeTape.Of(symbol, 300))
                await first.WriteAsync(trade);
        }

        await using var replay = new TimeSeriesSink<Trade>(database.DataSource, new TradesTable());
        foreach (Trade trade in TradeTape.Of(symbol, 400)) // the same 300, then 100 new ones
            await replay.WriteAsync(trade);
        await replay.WriteAsync(TradeTape.TradeAt(symbol, TradeTape.LateEvening, 1)); // a duplicate inside the same batch
        await replay.DisposeAsync();

        Assert.Equal(100, replay.Counters.Inserted);
        Assert.Equal(301, replay.Counters.Duplicates);
        Assert.Equal(400, await ScalarAsync("SELECT count(*) FROM trades WHERE symbol = $1", symbol));
    }

    [Fact]
    public async Task A_late_row_below_the_high_water_mark_is_stored_not_taken_for_a_replay()
    {
        string symbol = $"L{Guid.NewGuid():N}"[..12];
        Trade[] tape = [.. TradeTape.Of(symbol, 200)];
        await using (var first = new TimeSeriesSink<Trade>(database.DataSource, new TradesTable()))
        {
            foreach (Trade trade in tape.Where((_, i) => i % 10 != 3)) // rows 3, 13, 23, ... arrive late
                await first.WriteAsync(trade);
        }

        await using var late = new TimeSeriesSink<Trade>(database.DataSource, new TradesTable());
        foreach (Trade trade in tape.Where((_, i) => i % 10 == 3 || i % 50 == 0)) // the late ones, and some replayed
            await late.WriteAsync(trade);
        await late.DisposeAsync();

        Assert.Equal(20, late.Counters.Inserted);
        Assert.Equal(4, late.Counters.Duplicates);
        Assert.Equal(200, await ScalarAsync("SELECT count(DISTINCT (exchange_time_ns, sequence)) FROM trades WHERE symbol = $1", symbol));
        Assert.Equal(200, await ScalarAsync("SELECT count(*) FROM trades WHERE symbol = $1", symbol));
    }

    [Fact]
    public async Task Two_sinks_loading_the_same_tape_at_once_store_each_row_once()
    {
        string symbol = $"D{Guid.NewGuid():N}"[..12];
        var options = new TimeSeriesSinkOptions { BatchSize = 100 };
        TimeSeriesSink<Trade>[] sinks = [new(database.DataSource, new TradesTable(), options), new(database.DataSource, new TradesTable(), options)];

        await Task.WhenAll(sinks.Select(sink => Task.Run(async () =>
        {
            foreach (Trade trade in TradeTape.Of(symbol, 2_000))
                await sink.WriteAsync(trade);
            await sink.DisposeAsync();
        })));

        Assert.Equal(2_000, sinks.Sum(s => s.Counters.Inserted));
        Assert.Equal(2_000, sinks.Sum(s => s.Counters.Duplicates));
        Assert.Equal(2_000, await ScalarAsync("SELECT count(*) FROM trades WHERE symbol = $1", symbol));
    }

    [Fact]
    public async Task Daily_bars_spanning_many_days_in_one_batch_land_in_their_partitions_and_replay_idempotently()
    {
        var instrument = new InstrumentId("NYSE", $"E{Guid.NewGuid():N}"[..12]);
        long firstDay = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000L;
        BarRow[] bars = [.. Enumerable.Range(0, 30).Select(d => new BarRow(instrument, "1d",
            new MarketData.Bars.Bar(firstDay + (d * TradeTape.NsPerDay), firstDay + ((d + 1) * TradeTape.NsPerDay), 10, 12, 9, 11, 100, 1_100, 10)))];

        for (int load = 0; load < 2; load++)
        {
            await using var sink = new TimeSeriesSink<BarRow>(database.DataSource, new BarsTable());
            foreach (BarRow bar in bars)
                await sink.WriteAsync(bar);
            await sink.DisposeAsync();
            Assert.Equal(load == 0 ? new SinkCounters(30, 0, 0, 0, 1, null) : new SinkCounters(0, 30, 0, 0, 1, null), sink.Counters);
        }

        Assert.Equal(30, await ScalarAsync("SELECT count(*) FROM bars WHERE symbol = $1", instrument.Symbol));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM bars_p20250315 WHERE symbol = $1", instrument.Symbol));
    }

    [Fact]
    public async Task A_row_that_cannot_be_encoded_is_counted_as_failed_and_the_rest_of_its_batch_is_stored()
    {
        var instrument = new InstrumentId("NASDAQ", $"N{Guid.NewGuid():N}"[..12]);
        BookTopRow Row(long sequence) => new(new EventHeader(instrument, TradeTape.LateEvening, TradeTape.LateEvening, sequence), [100], [1], [101], [1]);
        await using var sink = new TimeSeriesSink<BookTopRow>(database.DataSource, new BookTopTable());

        await sink.WriteAsync(Row(1));
        await sink.WriteAsync(null!); // a producer bug: no row at all
        await sink.WriteAsync(Row(2));
        await sink.DisposeAsync();

        Assert.Equal(2, sink.Counters.Inserted);
        Assert.Equal(1, sink.Counters.Failed);
        Assert.IsType<ArgumentNullException>(sink.Counters.LastError);
        Assert.Equal(2, await ScalarAsync("SELECT count(*) FROM book_top WHERE symbol = $1", instrument.Symbol));
    }

    [Fact]
    public async Task A_late_row_for_a_day_that_retention_dropped_recreates_the_partition_instead_of_failing()
    {
        string symbol = $"R{Guid.NewGuid():N}"[..12];
        long day = new DateTimeOffset(2024, 2, 10, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000L;
        var options = new TimeSeriesSinkOptions { BatchSize = 1, RetryDelay = TimeSpan.FromMilliseconds(10) };
        await using var sink = new TimeSeriesSink<Trade>(database.DataSource, new TradesTable(), options);
        var loaded = new SemaphoreSlim(0);
        sink.BatchCompleted += _ => loaded.Release();

        await sink.WriteAsync(TradeTape.TradeAt(symbol, day, 1));
        Assert.True(await loaded.WaitAsync(TimeSpan.FromSeconds(30)));
        await new DayPartitions(database.DataSource).DropOlderThanAsync("trades", new DateOnly(2024, 2, 11));
        await sink.WriteAsync(TradeTape.TradeAt(symbol, day + 1_000, 2)); // late, and the sink still believes the day exists
        await sink.DisposeAsync();

        Assert.Equal(0, sink.Counters.Failed);
        Assert.Equal(2, sink.Counters.Inserted);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM trades_p20240210 WHERE symbol = $1", symbol));
    }

    [Fact]
    public async Task A_partial_batch_is_loaded_when_the_flush_interval_passes()
    {
        string symbol = $"C{Guid.NewGuid():N}"[..12];
        await using var sink = new TimeSeriesSink<Trade>(database.DataSource, new TradesTable(),
            new TimeSeriesSinkOptions { BatchSize = 10_000, FlushInterval = TimeSpan.FromMilliseconds(50) });
        var loaded = new TaskCompletionSource<SinkCounters>(TaskCreationOptions.RunContinuationsAsynchronously);
        sink.BatchCompleted += counters => loaded.TrySetResult(counters);

        foreach (Trade trade in TradeTape.Of(symbol, 3))
            await sink.WriteAsync(trade);
        SinkCounters counters = await loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, counters.Inserted);
        Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM trades WHERE symbol = $1", symbol));
    }

    [Fact]
    public async Task When_the_database_is_unreachable_rows_are_dropped_or_failed_and_every_one_is_counted()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = 1, Timeout = 2 };
        await using NpgsqlDataSource dead = NpgsqlDataSource.Create(unreachable.ConnectionString);
        var sink = new TimeSeriesSink<Trade>(dead, new TradesTable(), new TimeSeriesSinkOptions
        {
            BatchSize = 5,
            Capacity = 10,
            MaxAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(100),
        });

        int accepted = TradeTape.Of("DEAD", 1_000).Count(sink.TryWrite);
        await sink.DisposeAsync();

        SinkCounters counters = sink.Counters;
        Assert.Equal(0, counters.Inserted);
        Assert.Equal(1_000 - accepted, counters.Dropped);
        Assert.True(counters.Dropped > 0, "a 10-row buffer in front of a dead database must overflow");
        Assert.Equal(accepted, counters.Failed);
        Assert.IsAssignableFrom<NpgsqlException>(counters.LastError);
    }

    [Fact]
    public async Task Partitions_are_created_ahead_and_retention_drops_whole_old_days()
    {
        var partitions = new DayPartitions(database.DataSource);
        await partitions.CreateAheadAsync("quotes", new DateTimeOffset(2026, 1, 10, 15, 0, 0, TimeSpan.Zero), daysAhead: 3);
        await partitions.EnsureAsync("quotes", [new DateOnly(2026, 1, 1)]);

        IReadOnlyList<string> dropped = await partitions.DropOlderThanAsync("quotes", new DateOnly(2026, 1, 11));

        Assert.Equal(["quotes_p20260101", "quotes_p20260110"], dropped);
        IReadOnlyList<DateOnly> days = await partitions.ListDaysAsync("quotes");
        Assert.Equal([new DateOnly(2026, 1, 11), new DateOnly(2026, 1, 12), new DateOnly(2026, 1, 13)], days.Where(d => d.Year == 2026 && d.Month == 1));
    }

    [Theory]
    [InlineData(0L, "1970-01-01")]
    [InlineData(TradeTape.NsPerDay - 1, "1970-01-01")]
    [InlineData(TradeTape.NsPerDay, "1970-01-02")]
    [InlineData(-1L, "1969-12-31")]
    public void A_time_belongs_to_the_UTC_day_that_contains_it(long timeNs, string day) =>
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), DayPartitions.DayOf(timeNs));
}
