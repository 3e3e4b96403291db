using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FlowSense.Actors;

/// <summary>
/// The scheduler: one <see cref="ITimer"/> from the system's <see cref="TimeProvider"/> per job, so
/// <c>VirtualTime.Advance</c> in the TestKit drives it deterministically. Jobs still pending when the system
/// terminates are cancelled.
/// </summary>
internal sealed class TimerScheduler(TimeProvider time, ILogger log) : IScheduler
{
    private readonly ConcurrentDictionary<Job, byte> _pending = new();

    public DateTimeOffset Now => time.GetUtcNow();

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Start(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Start(initialDelay, interval, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Start(delay, Timeout.InfiniteTimeSpan, action);
    }

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Start(initialDelay, interval, action);
    }

    /// <summary>Cancels every pending job (at system termination).</summary>
    public void CancelAll()
    {
        foreach (Job job in _pending.Keys)
            job.Cancel();
    }

    private Job Start(TimeSpan delay, TimeSpan period, Action work)
    {
        var job = new Job(this, work, repeating: period != Timeout.InfiniteTimeSpan);
        _pending[job] = 0;
        job.Arm(time.CreateTimer(static state => ((Job)state!).Fire(), job, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, period));
        return job;
    }

    private sealed class Job(TimerScheduler owner, Action work, bool repeating) : ICancelable
    {
        private readonly Lock _sync = new();
        private ITimer? _timer;
        private int _cancelled;

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

        public void Arm(ITimer timer)
        {
            lock (_sync)
            {
                if (IsCancellationRequested)
                    timer.Dispose();
                else
                    _timer = timer;
            }
        }

        public void Fire()
        {
            if (IsCancellationRequested)
                return;
            if (!repeating)
                Cancel();
            try
            {
                work();
            }
            catch (Exception ex)
            {
                owner.LogJobFailure(ex);
            }
        }

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _cancelled, 1) != 0)
                return;
            lock (_sync)
            {
                _timer?.Dispose();
                _timer = null;
            }
            owner._pending.TryRemove(this, out _);
        }
    }

    private void LogJobFailure(Exception ex) => KernelLog.JobFailed(log, ex);
}
