using System.Collections.Concurrent;
using FlowSense.Actors.Streams;
using FlowSense.Actors.TestKit;
using FlowSense.Feeds.Lobster;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Tests.Replay;

/// <summary>
/// Recorded pace × speed on virtual time: the replay waits on the materializer's clock, so each emission can be
/// pinned to the virtual instant it happens at. The file is a four-row LOBSTER file with gaps of 1 s and 0.5 s.
/// </summary>
public sealed class ReplayPacingTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"replay-pace-{Guid.NewGuid():N}_message_1.csv");
    private readonly LobsterSession _session = new(new InstrumentId("NASDAQ", "TEST"), new DateOnly(2012, 6, 21));

    public ReplayPacingTests() =>
        File.WriteAllLines(_path,
        [
            "34200.000000000,1,1,100,5853300,1",
            "34201.000000000,1,2,100,5853400,-1",
            "34201.500000000,1,3,100,5853200,1",
            "34201.500000000,3,1,100,5853300,1",
        ]);

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task Speed_10_turns_a_recorded_second_into_100_ms_of_virtual_time()
    {
        var time = new VirtualTime();
        var start = time.GetUtcNow();
        var seen = new ConcurrentQueue<(TimeSpan At, int Count)>();
        var replay = ReplaySource.Lobster(_path, _session, new ReplayOptions { Pace = ReplayPace.Recorded(10), Time = time });

        var handle = replay.Source.RunWith(Sink.ForEach<EventBatch>(b => seen.Enqueue((time.GetUtcNow() - start, b.Count))), new Materializer(time));

        await Until(() => seen.Count == 1 && time.PendingTimers == 1);
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Single(seen); // the recorded second is not over at 99 ms
        time.Advance(TimeSpan.FromMilliseconds(1));
        await Until(() => seen.Count == 2 && time.PendingTimers == 1);
        time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(3, await handle.Completion.WaitAsync(TimeSpan.FromSeconds(10))); // batches

        Assert.Equal(
            [(TimeSpan.Zero, 1), (TimeSpan.FromMilliseconds(100), 1), (TimeSpan.FromMilliseconds(150), 2)],
            seen.ToArray());
    }

    [Fact]
    public async Task Progress_rate_and_eta_run_on_the_replay_clock()
    {
        var time = new VirtualTime();
        var reports = new List<ReplayProgress>();
        var replay = ReplaySource.Lobster(_path, _session, new ReplayOptions
        {
            Pace = ReplayPace.Recorded(10), Time = time, ProgressInterval = TimeSpan.Zero, Progress = new Collect(reports),
        });

        var handle = replay.Source.RunWith(Sink.Ignore<EventBatch>(), new Materializer(time));
        await Until(() => time.PendingTimers == 1);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await Until(() => reports.Count == 2 && time.PendingTimers == 1);
        var second = replay.Counters.Snapshot();
        time.Advance(TimeSpan.FromMilliseconds(50));
        await handle.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, reports[1].Events);
        Assert.Equal(TimeSpan.FromMilliseconds(100), reports[1].Elapsed);
        Assert.Equal(20.0, reports[1].EventsPerSecond, 6); // 2 events in 100 ms
        Assert.Equal(TimeSpan.FromMilliseconds(100), second.Elapsed);
        var last = reports[^1];
        Assert.True(last.IsComplete);
        Assert.Equal(4, last.Events);
        Assert.Equal(TimeSpan.FromMilliseconds(150), last.Elapsed);
        Assert.Equal(TimeSpan.Zero, last.Eta);
    }

    [Fact]
    public async Task Shutting_down_the_kill_switch_ends_a_waiting_replay_cleanly()
    {
        var time = new VirtualTime();
        var replay = ReplaySource.Lobster(_path, _session, new ReplayOptions { Pace = ReplayPace.Recorded(1), Time = time });

        var handle = replay.Source.RunWith(Sink.ForEach<EventBatch>(_ => { }), new Materializer(time));
        await Until(() => time.PendingTimers == 1); // first batch out, waiting a recorded second
        handle.KillSwitch.Shutdown();

        Assert.Equal(1, await handle.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        var progress = replay.Counters.Snapshot();
        Assert.False(progress.IsComplete);
        Assert.Equal(1, progress.Events);
    }

    [Fact]
    public async Task Aborting_the_kill_switch_fails_the_replay_with_the_reason()
    {
        var time = new VirtualTime();
        var replay = ReplaySource.Lobster(_path, _session, new ReplayOptions { Pace = ReplayPace.Recorded(1), Time = time });

        var handle = replay.Source.RunWith(Sink.Ignore<EventBatch>(), new Materializer(time));
        await Until(() => time.PendingTimers == 1);
        handle.KillSwitch.Abort(new InvalidOperationException("operator stop"));

        var error = await Assert.ThrowsAsync<StreamAbortedException>(() => handle.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("operator stop", error.InnerException?.Message);
    }

    [Fact]
    public void A_pace_needs_a_positive_speed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplayPace.Recorded(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplayPace.Recorded(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplayPace.Rate(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplayPace.Rate(double.PositiveInfinity));
        Assert.Null(ReplayPace.AsFastAsPossible.Speed);
        Assert.Null(ReplayPace.AsFastAsPossible.EventsPerSecond);
    }

    [Fact]
    public async Task A_slow_rate_emits_each_event_when_it_is_due_whatever_the_recorded_times()
    {
        var time = new VirtualTime();
        var start = time.GetUtcNow();
        var seen = new ConcurrentQueue<(TimeSpan At, int Count)>();
        // 4 events/s: event k is due at k × 250 ms, each alone (a batch would hold the first until the second is due).
        var replay = ReplaySource.Lobster(_path, _session, new ReplayOptions { Pace = ReplayPace.Rate(4), BatchSize = 2, Time = time });

        var handle = replay.Source.RunWith(Sink.ForEach<EventBatch>(b => seen.Enqueue((time.GetUtcNow() - start, b.Count))), new Materializer(time));

        await Until(() => seen.Count == 1 && time.PendingTimers == 1);
        time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.Single(seen);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await Until(() => seen.Count == 2 && time.PendingTimers == 1);
        time.Advance(TimeSpan.FromMilliseconds(250));
        await Until(() => seen.Count == 3 && time.PendingTimers == 1);
        time.Advance(TimeSpan.FromMilliseconds(250));
        await Until(() => seen.Count == 4 && time.PendingTimers == 1); // the end of the file is found when event 5 would be due
        time.Advance(TimeSpan.FromMilliseconds(250));
        await handle.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([(TimeSpan.Zero, 1), (TimeSpan.FromMilliseconds(250), 1), (TimeSpan.FromMilliseconds(500), 1), (TimeSpan.FromMilliseconds(750), 1)], seen.ToArray());
    }

    [Fact]
    public async Task A_fast_rate_emits_once_per_tick_everything_due_by_then()
    {
        var time = new VirtualTime();
        var start = time.GetUtcNow();
        var seen = new ConcurrentQueue<(TimeSpan At, int Count)>();
        // 2,000 events/s with a 1 ms tick: event 0 at once; events 1 (due 0.5 ms) and 2 (due 1 ms) together at 1 ms;
        // event 3 (due 1.5 ms) at the next tick, 2 ms.
        var replay = ReplaySource.Lobster(_path, _session,
            new ReplayOptions { Pace = ReplayPace.Rate(2_000, TimeSpan.FromMilliseconds(1)), BatchSize = 10, Time = time });

        var handle = replay.Source.RunWith(Sink.ForEach<EventBatch>(b => seen.Enqueue((time.GetUtcNow() - start, b.Count))), new Materializer(time));

        await Until(() => seen.Count == 1 && time.PendingTimers == 1);
        time.Advance(TimeSpan.FromMicroseconds(999));
        Assert.Single(seen);
        time.Advance(TimeSpan.FromMicroseconds(1));
        await Until(() => seen.Count == 2 && time.PendingTimers == 1);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await handle.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([(TimeSpan.Zero, 1), (TimeSpan.FromMilliseconds(1), 2), (TimeSpan.FromMilliseconds(2), 1)], seen.ToArray());
    }

    [Fact]
    public async Task A_rate_that_fell_behind_catches_up_in_whole_batches_without_waiting()
    {
        var time = new VirtualTime();
        var start = time.GetUtcNow();
        var seen = new ConcurrentQueue<(TimeSpan At, int Count)>();
        var replay = ReplaySource.Lobster(_path, _session,
            new ReplayOptions { Pace = ReplayPace.Rate(2_000, TimeSpan.FromMilliseconds(1)), BatchSize = 2, Time = time });

        var handle = replay.Source.RunWith(Sink.ForEach<EventBatch>(b => seen.Enqueue((time.GetUtcNow() - start, b.Count))), new Materializer(time));

        await Until(() => seen.Count == 1 && time.PendingTimers == 1);
        time.AdvanceLate(TimeSpan.FromMilliseconds(10)); // the tick's wake-up comes 9 ms late: 20 events are due by then
        await handle.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([(TimeSpan.Zero, 1), (TimeSpan.FromMilliseconds(10), 2), (TimeSpan.FromMilliseconds(10), 1)], seen.ToArray());
    }

    [Fact]
    public async Task Catching_up_emits_at_most_four_ticks_worth_at_once_however_large_the_batch_size()
    {
        var time = new VirtualTime();
        var start = time.GetUtcNow();
        var seen = new ConcurrentQueue<(TimeSpan At, int Count)>();
        // 500 events/s with a 1 ms tick: half an event per tick, so a catch-up batch holds at most 4 x 0.5 = 2 events,
        // though the batch size would allow 10.
        var replay = ReplaySource.Lobster(_path, _session,
            new ReplayOptions { Pace = ReplayPace.Rate(500, TimeSpan.FromMilliseconds(1)), BatchSize = 10, Time = time });

        var handle = replay.Source.RunWith(Sink.ForEach<EventBatch>(b => seen.Enqueue((time.GetUtcNow() - start, b.Count))), new Materializer(time));

        await Until(() => seen.Count == 1 && time.PendingTimers == 1);
        time.AdvanceLate(TimeSpan.FromMilliseconds(10)); // due at 2 ms, woken at 10 ms: the other 3 events are all due
        await handle.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(4, ReplayPace.CatchUpTicks);
        Assert.Equal([(TimeSpan.Zero, 1), (TimeSpan.FromMilliseconds(10), 2), (TimeSpan.FromMilliseconds(10), 1)], seen.ToArray());
    }

    [Fact]
    public async Task A_rate_on_the_system_clock_holds_its_average_with_sub_millisecond_ticks()
    {
        // 4 events at 20,000/s take 150 µs of schedule; with millisecond timers this would take about 2-4 ms.
        var replay = ReplaySource.Lobster(_path, _session, new ReplayOptions { Pace = ReplayPace.Rate(20_000, TimeSpan.FromMicroseconds(50)), BatchSize = 1 });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var counts = new ConcurrentQueue<int>();

        await replay.Source.RunWith(Sink.ForEach<EventBatch>(b => counts.Enqueue(b.Count))).Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 1, 1, 1], counts.ToArray());
        Assert.True(clock.Elapsed >= TimeSpan.FromMicroseconds(150), $"took {clock.Elapsed.TotalMicroseconds} µs");
    }

    [Fact]
    public async Task A_receive_clock_stamps_every_chunk_and_keeps_the_exchange_time()
    {
        var recorded = await ReplayRun.Events(ReplaySource.Lobster(_path, _session));
        long now = 1_000;
        var stamped = await ReplayRun.Events(ReplaySource.Lobster(_path, _session, new ReplayOptions { ReceiveClock = () => ++now, BatchSize = 1 }));
        long later = 2_000;
        var chunked = await ReplayRun.Events(ReplaySource.Lobster(_path, _session, new ReplayOptions { ReceiveClock = () => ++later }));

        Assert.Equal(recorded.Select(e => e.Header.ExchangeTimeNs), stamped.Select(e => e.Header.ExchangeTimeNs));
        Assert.Equal([1_001, 1_002, 1_003, 1_004], stamped.Select(e => e.Header.ReceiveTimeNs)); // a batch of one: a chunk per row
        // One chunk of four rows: the first row's parse reads the file, which ends the first stamp's chunk; the rest share one.
        Assert.Equal([2_001, 2_002, 2_002, 2_002], chunked.Select(e => e.Header.ReceiveTimeNs));
        Assert.Equal(recorded.Select(e => e.AsOrder() with { Header = default }), stamped.Select(e => e.AsOrder() with { Header = default }));
        Assert.Equal(recorded.Select(e => e.AsOrder() with { Header = default }), chunked.Select(e => e.AsOrder() with { Header = default }));
    }

    [Fact]
    public void A_receive_clock_cannot_be_combined_with_a_recorded_pace_nor_with_sources_that_record_receive_times()
    {
        var options = new ReplayOptions { ReceiveClock = () => 0 };
        Assert.Throws<ArgumentException>(() => ReplaySource.Lobster(_path, _session, options with { Pace = ReplayPace.Recorded(1) }));
        Assert.Throws<ArgumentException>(() => ReplaySource.Lean("trade.zip", "quote.zip", new InstrumentId("USA", "IBM"), options));
    }

    /// <summary>Awaits a condition the stream's thread-pool continuation will make true (a probe, not a sleep).</summary>
    internal static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The replay did not reach the expected state within 10 s.");
            await Task.Delay(1);
        }
    }

    /// <summary>Collects reports synchronously, in order (<see cref="Progress{T}"/> would post them to the pool).</summary>
    internal sealed class Collect(List<ReplayProgress> reports) : IProgress<ReplayProgress>
    {
        public void Report(ReplayProgress value)
        {
            lock (reports)
                reports.Add(value);
        }
    }
}
