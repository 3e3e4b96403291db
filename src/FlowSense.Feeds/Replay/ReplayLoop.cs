using System.Runtime.CompilerServices;
using FlowSense.Actors;

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
        using var pacer = options.Pace.Speed is { } speed ? new RecordedPacer(speed, time, options.TickLanes) : null;
        using var rate = options.Pace.EventsPerSecond is { } perSecond ? new RatePacer(perSecond, options.Pace.Tick, time, counters.StartTimestamp, options.TickLanes) : null;
        var reporter = new ProgressReporter(options, counters);

        bool more = true;
        while (more)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (pacer is null)
            {
                // Free-running: fill a whole batch per turn, so the loop's own cost is paid once per batch, not per unit.
                // At a rate: wait for the next tick (or not at all when behind), then take what is due by then.
                int take = sink.Capacity;
                if (rate is not null)
                {
                    int most = Math.Min(sink.Capacity, rate.CatchUpBatch);
                    await rate.WaitAsync(counters.EventsEmitted, most, cancellationToken).ConfigureAwait(false);
                    take = rate.Due(counters.EventsEmitted, most);
                }
                more = reader.ReadUntil(sink, take);
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
                long dueAt = pacer.DueAt(sink.Pending[before].Header.ReceiveTimeNs);
                if (dueAt > time.GetTimestamp())
                {
                    if (sink.TakeFirst(before) is { } due)
                        yield return reporter.Emitted(due);
                    await pacer.WaitUntil(dueAt, cancellationToken).ConfigureAwait(false);
                }
            }
            if (sink.IsFull || (!more && sink.Count > 0))
                yield return reporter.Emitted(sink.TakeBatch()!);
        }
        counters.Complete();
        reporter.Final();
    }

    /// <summary>
    /// Maps recorded times to the replay clock: the first event is due at once, each later one Δ/speed after it. Waits
    /// as <see cref="ReplayWait"/> does, so events recorded microseconds apart leave microseconds apart, where .NET's
    /// millisecond timers released them in bursts a millisecond long.
    /// </summary>
    private sealed class RecordedPacer(double speed, TimeProvider time, LaneDispatcher? lanes) : IDisposable
    {
        private readonly ReplayWait _wait = new(time, lanes);
        private long _firstRecordedNs = long.MinValue;
        private long _startTimestamp;

        /// <summary>The replay clock's timestamp at which an event recorded at <paramref name="recordedNs"/> is due.</summary>
        public long DueAt(long recordedNs)
        {
            if (_firstRecordedNs == long.MinValue)
            {
                _firstRecordedNs = recordedNs;
                _startTimestamp = time.GetTimestamp();
            }
            // Recorded times that go backwards are due at once (never a negative wait).
            double seconds = Math.Max(0, recordedNs - _firstRecordedNs) / 1e9 / speed;
            return _startTimestamp + (long)(seconds * time.TimestampFrequency);
        }

        public ValueTask WaitUntil(long dueAt, CancellationToken cancellationToken) => _wait.Until(dueAt, cancellationToken);

        public void Dispose() => _wait.Dispose();
    }

    /// <summary>
    /// Waits for a timestamp of the replay clock. .NET's timers fire on a millisecond grid, so waits under
    /// <see cref="FineWaitLimit"/> on the system clock use a <see cref="PacingTimer"/> (made on first use, on
    /// <c>lanes</c> when given); longer ones, and other clocks (virtual time in tests), use the clock's own timers.
    /// </summary>
    private sealed class ReplayWait(TimeProvider time, LaneDispatcher? lanes) : IDisposable
    {
        private static readonly TimeSpan FineWaitLimit = TimeSpan.FromMilliseconds(2);
        private PacingTimer? _fine;

        public ValueTask Until(long wakeAt, CancellationToken cancellationToken)
        {
            long now = time.GetTimestamp();
            if (wakeAt <= now)
                return ValueTask.CompletedTask;
            var wait = time.GetElapsedTime(now, wakeAt);
            if (ReferenceEquals(time, TimeProvider.System) && wait < FineWaitLimit)
                return (_fine ??= new PacingTimer(lanes)).WaitUntil(wakeAt);
            return new ValueTask(Task.Delay(wait, time, cancellationToken));
        }

        public void Dispose() => _fine?.Dispose();
    }

    /// <summary>
    /// Holds a steady rate: event k (from 0) is due k / rate after the replay started. On schedule it wakes once per
    /// tick after its last emission (or when the next event is due, if later) and emits what is due; behind schedule
    /// (a catch-up batch due) it does not wait. Waits as <see cref="ReplayWait"/> does.
    /// </summary>
    private sealed class RatePacer(double eventsPerSecond, TimeSpan tick, TimeProvider time, long startTimestamp, LaneDispatcher? tickLanes) : IDisposable
    {
        private readonly ReplayWait _wait = new(time, tickLanes);
        private readonly long _startTimestamp = startTimestamp; // the run's start (ReplayCounters.StartTimestamp): the schedule's origin
        private readonly long _tickTimestamps = (long)(tick.TotalSeconds * time.TimestampFrequency);
        private long _lastEmission = long.MinValue;

        /// <summary>The most events one emission takes when behind: <see cref="ReplayPace.CatchUpTicks"/> ticks' worth.</summary>
        public int CatchUpBatch { get; } = (int)Math.Clamp(Math.Ceiling(eventsPerSecond * tick.TotalSeconds * ReplayPace.CatchUpTicks), 1, int.MaxValue);

        /// <summary>Waits for the next emission of events after the first <paramref name="emitted"/>.</summary>
        public ValueTask WaitAsync(long emitted, int batchSize, CancellationToken cancellationToken)
        {
            long now = time.GetTimestamp();
            if (Owed(emitted, now) >= batchSize)
                return ValueTask.CompletedTask;
            long nextDue = _startTimestamp + (long)Math.Ceiling(emitted / eventsPerSecond * time.TimestampFrequency);
            long nextTick = _lastEmission == long.MinValue ? now : _lastEmission + _tickTimestamps;
            return _wait.Until(Math.Max(nextDue, nextTick), cancellationToken);
        }

        /// <summary>How many events to emit now, after <paramref name="emitted"/>: those due, at least one, at most a batch.</summary>
        public int Due(long emitted, int batchSize)
        {
            long now = time.GetTimestamp();
            _lastEmission = now;
            return (int)Math.Clamp(Owed(emitted, now), 1, batchSize);
        }

        // Events due by now (every k with k / rate <= elapsed) and not yet emitted.
        private long Owed(long emitted, long now) =>
            (long)Math.Floor(time.GetElapsedTime(_startTimestamp, now).TotalSeconds * eventsPerSecond) + 1 - emitted;

        public void Dispose() => _wait.Dispose();
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
