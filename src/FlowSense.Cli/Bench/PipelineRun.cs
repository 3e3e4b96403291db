using System.Diagnostics;
using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Feeds.Replay;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Cli.Bench;

/// <summary>
/// One timed run of the full single-node pipeline: the workload's replay (stamping each event's receive time as it
/// is decoded) → ingestion graph → symbol actors, told directly (book, features, bars), at full speed or at a paced
/// rate, in a fresh actor system. Latency is event-to-feature: from an event's decoding to its slice's
/// acknowledgement, which the symbol actor sends once the book, features and bars hold the event. A paced run also
/// measures it from the event's due time on the replay's schedule (the (p - 1) / rate after the start for the event
/// at position p), which adds what decoding-based latency cannot see: the wait of an event that fell due while the
/// source was held back (no free buffer) or woke late, as a feed's packets wait in the socket.
/// </summary>
internal static class PipelineRun
{
    public static async Task<RunResult> ExecuteAsync(BenchWorkload workload, RunPlan plan, CancellationToken cancellation)
    {
        var clock = new IngestClock();
        var latency = new LatencyHistogram();
        var fromDue = new LatencyHistogram();
        var window = new MeasuringWindow();
        await using var system = ActorSystem.Create("bench", new ActorSystemOptions { LanesDispatcher = new LanesDispatcherOptions { IdleSpin = plan.LaneIdleSpin } });
        var shards = SymbolShards.Start(system, workload.Catalog, new ShardingOptions { ShardCount = plan.Shards }, dispatcher: plan.Dispatcher);
        var replay = workload.Replay(new ReplayOptions
        {
            BatchSize = plan.BatchSize,
            Pace = plan.EventsPerSecond is { } rate ? ReplayPace.Rate(rate, plan.Tick) : ReplayPace.AsFastAsPossible,
            ReceiveClock = clock.NowNs,
            TickLanes = plan.TicksOnLanes ? shards.Dispatcher as LaneDispatcher : null,
        });
        var schedule = plan.EventsPerSecond is { } perSecond ? new DueTimes(clock, replay.Counters, perSecond) : null;
        var run = IngestionPipeline.Run(replay, shards, new IngestionOptions
        {
            Name = "bench",
            MaxBatchesInFlight = plan.BatchesInFlight,
            OnAcknowledged = ack =>
            {
                if (!window.Open)
                    return;
                long now = clock.NowNs();
                foreach (ref readonly var e in ack.Events.Events)
                    latency.Record(now - e.Header.ReceiveTimeNs);
                if (schedule is not null)
                {
                    foreach (long position in ack.Events.Positions)
                        fromDue.Record(now - schedule.DueNs(position));
                }
            },
        });

        var counters = run.Counters;
        long Completed() => counters.Applied + counters.Duplicates + counters.Rejected + counters.Skipped + counters.Quarantined;
        using var process = Process.GetCurrentProcess();
        var latencyPerSecond = new LatencySeries(latency);
        LatencySeries? fromDuePerSecond = schedule is null ? null : new(fromDue);
        var sampler = new RunSampler(Completed, plan.MemoryEverySeconds, fromDuePerSecond is null ? [latencyPerSecond] : [latencyPerSecond, fromDuePerSecond]);
        using var stalls = new StallMeter();
        Window measured;
        try
        {
            await Task.Delay(plan.WarmUp, cancellation).ConfigureAwait(false);
            var start = Window.Mark(process, Completed());
            window.Open = true;
            stalls.Recording = true;
            await Task.WhenAny(Task.Delay(plan.Duration, cancellation), run.Completion).ConfigureAwait(false);
            window.Open = false;
            stalls.Recording = false;
            measured = Window.Mark(process, Completed()) - start;
        }
        finally
        {
            run.KillSwitch.Shutdown();
            await run.Completion.WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None).ConfigureAwait(false);
            sampler.Dispose();
        }
        long? heldBySymbols = await HeldBySymbolsAsync(shards).ConfigureAwait(false);
        var sourceTime = replay.Counters.StartTimestamp == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(replay.Counters.StartTimestamp);
        int warmUpSeconds = (int)Math.Ceiling(plan.WarmUp.TotalSeconds);
        return new RunResult(plan, measured.Events, measured.Elapsed, measured.Cpu, measured.Allocated, latency,
            [.. sampler.Rates.Skip(warmUpSeconds)], sampler.Memory, await run.Completion.ConfigureAwait(false))
        {
            ThreadPoolWorkItems = measured.WorkItems,
            GcPause = measured.GcPause,
            Collections = measured.Collections,
            Stalls = stalls.Stalls,
            StallsOverOneMillisecond = stalls.OverOneMillisecond,
            SourceTime = sourceTime,
            HeldBySymbolsBytes = heldBySymbols,
            LatencyFromDue = schedule is null ? null : fromDue,
            LatencyPerSecond = latencyPerSecond.Intervals,
            LatencyFromDuePerSecond = fromDuePerSecond?.Intervals ?? [],
        };
    }

    /// <summary>
    /// What the symbol actors held at the end of the run, their state above all: the heap after a full collection,
    /// less the heap once the shard region has stopped them. Everything else (the run's buffers, the lanes, the symbol
    /// entries) is still referenced then, so it is not counted. The difference is only the actors' in a process of its
    /// own: anything else allocating meanwhile (tests running beside the bench) blurs it. Null if the actors take over
    /// 30 s to stop.
    /// </summary>
    private static async Task<long?> HeldBySymbolsAsync(SymbolShards shards)
    {
        long withSymbols = GC.GetTotalMemory(forceFullCollection: true);
        if (!await shards.Region.GracefulStop(TimeSpan.FromSeconds(30)).ConfigureAwait(false))
            return null;
        return Math.Max(0, withSymbols - GC.GetTotalMemory(forceFullCollection: true));
    }

    /// <summary>When each event of a paced replay was due, on the bench's clock.</summary>
    private sealed class DueTimes(IngestClock clock, ReplayCounters counters, double eventsPerSecond)
    {
        private readonly double _nsPerEvent = 1e9 / eventsPerSecond;
        private long _startNs;

        /// <summary>The due time of the event at 1-based <paramref name="position"/> (read after the replay has started).</summary>
        public long DueNs(long position)
        {
            long start = Volatile.Read(ref _startNs);
            if (start == 0)
                Volatile.Write(ref _startNs, start = clock.ToUnixNs(counters.StartTimestamp));
            return start + (long)((position - 1) * _nsPerEvent);
        }
    }

    /// <summary>The process's counters at one moment; the difference of two is a measured window.</summary>
    private readonly record struct Window(long Events, TimeSpan Elapsed, TimeSpan Cpu, long Allocated, long WorkItems, TimeSpan GcPause, int Collections)
    {
        public static Window Mark(Process process, long events)
        {
            process.Refresh();
            return new(events, Stopwatch.GetElapsedTime(0), process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: false),
                ThreadPool.CompletedWorkItemCount, GC.GetTotalPauseDuration(), GC.CollectionCount(0));
        }

        public static Window operator -(Window end, Window start) =>
            new(end.Events - start.Events, end.Elapsed - start.Elapsed, end.Cpu - start.Cpu, end.Allocated - start.Allocated,
                end.WorkItems - start.WorkItems, end.GcPause - start.GcPause, end.Collections - start.Collections);
    }

    /// <summary>Whether acknowledgements count toward the latency histogram now (after the warm-up, before the stop).</summary>
    private sealed class MeasuringWindow
    {
        private volatile bool _open;

        public bool Open
        {
            get => _open;
            set => _open = value;
        }
    }
}
