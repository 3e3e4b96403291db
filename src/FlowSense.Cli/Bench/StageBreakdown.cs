using System.Diagnostics;
using FlowSense.Actors.Streams;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Cli.Bench;

/// <summary>
/// Where an event's time goes, in CPU nanoseconds: the source alone (generate + decode into recycled batches, one
/// thread), the symbol state alone (book, features, bars applied directly in the order the actors get them, one
/// thread, no actors), and what is left of
/// the full pipeline's CPU per event once those two are taken out (regrouping, messages, mailboxes, scheduling,
/// acknowledgements: the graph and the actors).
/// </summary>
internal static class StageBreakdown
{
    public static async Task<IReadOnlyList<StageCost>> MeasureAsync(BenchWorkload workload, RunResult full, int events)
    {
        double source = await SourceNsPerEvent(workload, events).ConfigureAwait(false);
        double state = await StateNsPerEvent(workload, Math.Min(events, 400_000), full.Plan.BatchSize).ConfigureAwait(false);
        double total = full.CpuNsPerEvent;
        return
        [
            new("source: synthetic bytes → codec → batches", source),
            new("symbol state: book + features + bars", state),
            new("graph + actors: regroup, shard, mailbox, ack", total - source - state),
            new("full pipeline (process CPU / event, max run)", total),
        ];
    }

    private static async Task<double> SourceNsPerEvent(BenchWorkload workload, int events)
    {
        await Decode(workload, events / 4).ConfigureAwait(false); // warm-up: JIT
        var cpu = CpuTime();
        long decoded = await Decode(workload, events).ConfigureAwait(false);
        return (CpuTime() - cpu).TotalNanoseconds / decoded;
    }

    private static async Task<long> Decode(BenchWorkload workload, int events)
    {
        long decoded = 0;
        var handle = workload.Replay(new ReplayOptions()).Source.RunWith(Sink.ForEach<EventBatch>(batch => { decoded += batch.Count; batch.Recycle(); }));
        var stop = handle.KillSwitch;
        await Task.Run(async () =>
        {
            while (Volatile.Read(ref decoded) < events && !handle.Completion.IsCompleted)
                await Task.Delay(1).ConfigureAwait(false);
            stop.Shutdown();
        }).ConfigureAwait(false);
        await handle.Completion.ConfigureAwait(false);
        return decoded;
    }

    /// <summary>
    /// Applies events as the symbol actors see them: each source batch regrouped by instrument (stable), so a symbol's
    /// events of one batch run back to back. The order matters: with many symbols the state is memory-bound, and a
    /// symbol's run of events finds its state in cache after the first.
    /// </summary>
    private static async Task<double> StateNsPerEvent(BenchWorkload workload, int count, int batchSize)
    {
        var events = (await Collect(workload, count).ConfigureAwait(false))
            .Chunk(batchSize).SelectMany(batch => batch.GroupBy(e => e.Header.Instrument).SelectMany(g => g)).ToArray();
        var states = new Dictionary<InstrumentId, SymbolState>();
        foreach (var e in events)
        {
            if (!states.ContainsKey(e.Header.Instrument) && workload.Catalog.TryResolve(e.Header.Instrument, out var settings))
                states[e.Header.Instrument] = new SymbolState(settings);
        }
        // Half to warm up (JIT, book pools), half measured; the second half is later events, so no duplicates.
        int half = events.Length / 2;
        Apply(events.AsSpan(0, half), states);
        var cpu = CpuTime();
        Apply(events.AsSpan(half), states);
        return (CpuTime() - cpu).TotalNanoseconds / (events.Length - half);
    }

    private static void Apply(ReadOnlySpan<MarketEvent> events, Dictionary<InstrumentId, SymbolState> states)
    {
        SymbolState? last = null;
        foreach (ref readonly var e in events)
        {
            if (last is null || last.Instrument.Id != e.Header.Instrument)
                last = states[e.Header.Instrument];
            last.Apply(e);
            last.ClearClosedBars();
        }
    }

    private static async Task<MarketEvent[]> Collect(BenchWorkload workload, int count)
    {
        var events = new MarketEvent[count];
        int collected = 0;
        var handle = workload.Replay(new ReplayOptions()).Source.RunWith(Sink.ForEach<EventBatch>(batch =>
        {
            int n = Math.Min(batch.Count, count - collected);
            batch.Events[..n].CopyTo(events.AsSpan(collected));
            Volatile.Write(ref collected, collected + n);
            batch.Recycle();
        }));
        while (Volatile.Read(ref collected) < count && !handle.Completion.IsCompleted)
            await Task.Delay(1).ConfigureAwait(false);
        handle.KillSwitch.Shutdown();
        await handle.Completion.ConfigureAwait(false);
        return events[..collected];
    }

    // This process does nothing else while a stage is measured, so its CPU time is the stage's.
    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}

/// <summary>CPU nanoseconds per event spent in one stage of the pipeline.</summary>
internal sealed record StageCost(string Stage, double NsPerEvent);
