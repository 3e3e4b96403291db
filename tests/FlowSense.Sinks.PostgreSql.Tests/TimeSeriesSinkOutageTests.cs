using FlowSense.Actors.Persistence.TestSupport;
using FlowSense.MarketData.Events;
using FlowSense.Sinks.PostgreSql.Tests.Scripted;
using FlowSense.Sinks.PostgreSql.TimeSeries;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FlowSense.Sinks.PostgreSql.Tests;

/// <summary>How a sink rides out loads that fail: retries, back-off, back-pressure, the outage counters and log, closing.</summary>
public sealed class TimeSeriesSinkOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static NpgsqlException Refused() => new("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111));

    [Fact]
    public async Task A_batch_is_retried_until_it_loads_with_the_delay_doubling_up_to_its_cap_and_the_outage_is_visible_and_logged_once()
    {
        await using var scripted = new ScriptedSink(new TimeSeriesSinkOptions
        {
            BatchSize = 10,
            RetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromMilliseconds(400),
        });
        DateTimeOffset outageStart = scripted.Time.GetUtcNow();
        scripted.Loader.FailNext(int.MaxValue, Refused);
        foreach (Trade trade in TradeTape.Of("RETRY", 10))
            await scripted.Sink.WriteAsync(trade);

        foreach (int ms in new[] { 100, 200, 400, 400, 400 })
        {
            await scripted.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(ms));
            SinkCounters during = scripted.Sink.Counters;
            Assert.Equal((10, 0L, 1L, outageStart, false), (during.Buffered, during.Inserted, during.Outages, during.RetryingSince, during.IsConnected));
            if (ms == 400 && scripted.Loader.Attempts == 5)
                scripted.Loader.Recover(); // the fifth pause is the last
            scripted.Time.Advance(TimeSpan.FromMilliseconds(ms));
        }

        await scripted.Sink.FlushAsync().WaitAsync(Patience);
        SinkCounters after = scripted.Sink.Counters;
        Assert.Equal(new SinkCounters(10, 0, 0, 0, 1, after.LastError, Buffered: 0, Outages: 1, RetryingSince: null), after);
        Assert.IsType<NpgsqlException>(after.LastError);
        Assert.Equal(6, scripted.Loader.Attempts);
        Assert.Collection(scripted.Log.Entries,
            warning =>
            {
                Assert.Equal(LogLevel.Warning, warning.Level);
                Assert.Contains("cannot reach PostgreSQL (scripted): Failed to connect", warning.Message, StringComparison.Ordinal);
                Assert.Contains("Check that the server is running", warning.Message, StringComparison.Ordinal);
            },
            information =>
            {
                Assert.Equal(LogLevel.Information, information.Level);
                Assert.Contains("again after an outage of 00:00:01.5000000; 10 rows held", information.Message, StringComparison.Ordinal); // 100+200+400+400+400 ms
            });
    }

    [Fact]
    public async Task With_a_finite_MaxAttempts_a_batch_that_keeps_failing_is_counted_failed_and_the_sink_moves_on()
    {
        await using var scripted = new ScriptedSink(new TimeSeriesSinkOptions { BatchSize = 10, MaxAttempts = 2, RetryDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero });
        scripted.Loader.FailNext(int.MaxValue, Refused);
        foreach (Trade trade in TradeTape.Of("GIVEUP", 10))
            await scripted.Sink.WriteAsync(trade);
        await scripted.Sink.FlushAsync().WaitAsync(Patience);

        Assert.Equal((0L, 10L, 0L, 2), (scripted.Sink.Counters.Inserted, scripted.Sink.Counters.Failed, scripted.Sink.Counters.Buffered, scripted.Loader.Attempts));
        Assert.False(scripted.Sink.Counters.IsConnected);

        scripted.Loader.Recover();
        foreach (Trade trade in TradeTape.Of("GIVEUP", 3))
            await scripted.Sink.WriteAsync(trade);
        await scripted.Sink.FlushAsync().WaitAsync(Patience);

        Assert.Equal((3L, 10L, true), (scripted.Sink.Counters.Inserted, scripted.Sink.Counters.Failed, scripted.Sink.Counters.IsConnected));
        Assert.Equal([LogLevel.Warning, LogLevel.Error, LogLevel.Information], scripted.Log.Entries.Select(e => e.Level));
        Assert.Contains("gave up a batch of 10 rows after 2 attempts", scripted.Log.Entries[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_the_server_reports_about_the_batch_is_not_an_outage_and_is_tried_only_a_few_times()
    {
        await using var scripted = new ScriptedSink(new TimeSeriesSinkOptions { BatchSize = 5, RetryDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero });
        scripted.Loader.FailNext(int.MaxValue, () => new PostgresException("invalid input syntax", "ERROR", "ERROR", "22P02"));
        foreach (Trade trade in TradeTape.Of("POISON", 5))
            await scripted.Sink.WriteAsync(trade);
        await scripted.Sink.FlushAsync().WaitAsync(Patience);

        SinkCounters counters = scripted.Sink.Counters;
        Assert.Equal((5L, 0L, true), (counters.Failed, counters.Outages, counters.IsConnected));
        Assert.Equal(RetryPolicy.AttemptsOnServerError, scripted.Loader.Attempts);
        Assert.Equal([LogLevel.Error], scripted.Log.Entries.Select(e => e.Level));
    }

    [Fact]
    public async Task While_loads_fail_rows_are_accepted_up_to_the_buffer_and_two_batches_then_writers_wait_and_TryWrite_drops()
    {
        const int Capacity = 20, BatchSize = 10, Bound = Capacity + (2 * BatchSize);
        await using var scripted = new ScriptedSink(new TimeSeriesSinkOptions
        {
            BatchSize = BatchSize,
            Capacity = Capacity,
            RetryDelay = TimeSpan.FromSeconds(1),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
        });
        scripted.Loader.FailNext(int.MaxValue, Refused);
        Trade[] tape = [.. TradeTape.Of("FULL", 100)];
        int accepted = 0;
        Task writer = Task.Run(async () =>
        {
            foreach (Trade trade in tape)
            {
                await scripted.Sink.WriteAsync(trade);
                Interlocked.Increment(ref accepted);
            }
        });

        await Probe.EventuallyAsync(() => Volatile.Read(ref accepted) == Bound, $"{Bound} rows are accepted");
        await scripted.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1)); // the loader is pausing before its next attempt
        Assert.Equal(Bound, Volatile.Read(ref accepted));
        Assert.False(writer.IsCompleted);
        Assert.False(scripted.Sink.WaitToWriteAsync().IsCompleted);
        Assert.False(scripted.Sink.TryWrite(tape[0]));
        Assert.Equal((Bound, 1L), (scripted.Sink.Counters.Buffered, scripted.Sink.Counters.Dropped));

        scripted.Loader.Recover();
        scripted.Time.Advance(TimeSpan.FromSeconds(1));
        await writer.WaitAsync(Patience);
        await scripted.Sink.FlushAsync().WaitAsync(Patience);

        Assert.Equal((100L, 0L, 0L), (scripted.Sink.Counters.Inserted, scripted.Sink.Counters.Failed, scripted.Sink.Counters.Buffered));
        Assert.Equal(100, scripted.Loader.Loaded.Sum());
    }

    [Fact]
    public async Task Closing_during_an_outage_gives_up_after_the_shutdown_timeout_and_counts_and_logs_the_rows_left()
    {
        var scripted = new ScriptedSink(new TimeSeriesSinkOptions
        {
            BatchSize = 10,
            RetryDelay = TimeSpan.FromSeconds(1),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        });
        scripted.Loader.FailNext(int.MaxValue, Refused);
        foreach (Trade trade in TradeTape.Of("CLOSE", 25))
            await scripted.Sink.WriteAsync(trade);
        Task flush = scripted.Sink.FlushAsync();
        await scripted.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));

        Task closing = scripted.DisposeAsync().AsTask();
        await scripted.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        Assert.False(closing.IsCompleted);
        scripted.Time.Advance(TimeSpan.FromSeconds(10));
        await closing.WaitAsync(Patience);
        await flush.WaitAsync(Patience);

        SinkCounters counters = scripted.Sink.Counters;
        Assert.Equal((0L, 25L, 0L), (counters.Inserted, counters.Failed, counters.Buffered));
        Assert.Contains(scripted.Log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("closed before it could store 25 rows", StringComparison.Ordinal));
    }
}
