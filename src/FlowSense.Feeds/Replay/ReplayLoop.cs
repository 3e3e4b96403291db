using System.Runtime.CompilerServices;

namespace FlowSense.Feeds.Replay;

/// <summary>
/// The loop every file replay shares: read units from an <see cref="IReplayReader"/> into an
/// <see cref="EventBatchSink"/>, wait for the recorded time when the pace asks for it, emit batches, and keep the
/// counters and the progress callback current. It reads only while downstream is asking for a batch.
/// </summary>
internal static class ReplayLoop
{
    public static async IAsyncEnumerable<EventBatch> Run(Func<EventBatchSink, IReplayReader> open, ReplayOptions options,
        ReplayCounters counters, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var time = options.Time;
        var sink = new EventBatchSink(options.BatchSize);
        using var reader = open(sink);
        counters.Start(time, reader.Unit, reader.Length, sink.Pool);
        var pacer = options.Pace.Speed is { } speed ? new RecordedPacer(speed, time) : null;
        var rate = options.Pace.EventsPerSecond is { } perSecond ? new RatePacer(perSecond, time) : null;
        var reporter = new ProgressReporter(options, counters);

        bool more = true;
        while (more)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (pacer is null)
            {
                if (rate is not null && rate.WaitFor(counters.EventsEmitted) is var due && due > TimeSpan.Zero)
                    await Task.Delay(due, time, cancellationToken).ConfigureAwait(false);
                // Free-running: fill a whole batch per turn, so the loop's own cost is paid once per batch, not per unit.
                more = reader.ReadUntilFull(sink);
                counters.Read(reader.Position, reader.Rejected);
                if (sink.TakeBatch() is { } batch)
                    yield return reporter.Emitted(batch);
                continue;
            }

            int before = sink.Count;
            more = reader.ReadNext();
            counters.Read(reader.Position, reader.Rejected);

            if (sink.Count > before)
            {
                // The events of one unit share its recorded time: wait for it once, after emitting what came earlier.
                var wait = pacer.WaitFor(sink.Pending[before].Header.ReceiveTimeNs);
                if (wait > TimeSpan.Zero)
                {
                    if (sink.TakeFirst(before) is { } due)
                        yield return reporter.Emitted(due);
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
            }
            if (sink.IsFull || (!more && sink.Count > 0))
                yield return reporter.Emitted(sink.TakeBatch()!);
        }
        counters.Complete();
        reporter.Final();
    }

    /// <summary>Maps recorded times to the replay clock: the first event is due at once, each later one Δ/speed after it.</summary>
    private sealed class RecordedPacer(double speed, TimeProvider time)
    {
        private long _firstRecordedNs = long.MinValue;
        private long _startTimestamp;

        public TimeSpan WaitFor(long recordedNs)
        {
            if (_firstRecordedNs == long.MinValue)
            {
                _firstRecordedNs = recordedNs;
                _startTimestamp = time.GetTimestamp();
                return TimeSpan.Zero;
            }
            // Recorded times that go backwards are due at once (never a negative wait).
            var due = TimeSpan.FromTicks((long)((recordedNs - _firstRecordedNs) / 100 / speed));
            return due - time.GetElapsedTime(_startTimestamp);
        }
    }

    /// <summary>Holds a steady average rate: event n is due n / rate seconds after the replay started.</summary>
    private sealed class RatePacer(double eventsPerSecond, TimeProvider time)
    {
        private readonly long _startTimestamp = time.GetTimestamp();

        public TimeSpan WaitFor(long eventsEmitted) =>
            TimeSpan.FromSeconds(eventsEmitted / eventsPerSecond) - time.GetElapsedTime(_startTimestamp);
    }

    /// <summary>Counts emitted batches and reports progress at most once per interval of the replay clock, plus once at the end.</summary>
    private sealed class ProgressReporter(ReplayOptions options, ReplayCounters counters)
    {
        private long _lastReport = long.MinValue;

        public EventBatch Emitted(EventBatch batch)
        {
            counters.Emitted(batch.Count);
            if (options.Progress is { } progress)
            {
                long now = options.Time.GetTimestamp();
                if (_lastReport == long.MinValue || options.Time.GetElapsedTime(_lastReport, now) >= options.ProgressInterval)
                {
                    _lastReport = now;
                    progress.Report(counters.Snapshot());
                }
            }
            return batch;
        }

        public void Final() => options.Progress?.Report(counters.Snapshot());
    }
}
