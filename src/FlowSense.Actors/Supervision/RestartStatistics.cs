namespace FlowSense.Actors;

/// <summary>A child's restart history as its supervisor sees it (touched only on the supervisor's turn).</summary>
internal sealed class RestartStatistics
{
    private int _retriesInWindow;
    private long _windowStart;
    private int _total;

    /// <summary>Restarts granted over the child's life.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>Counts one more restart; false when the strategy's limit within its window is exhausted.</summary>
    public bool RequestRestartPermission(SupervisorStrategy strategy, TimeProvider time)
    {
        int max = strategy.MaxNrOfRetries;
        if (max == 0)
            return false;
        if (max > 0)
        {
            long now = time.GetTimestamp();
            if (strategy.WithinTimeRange is { } window && (_retriesInWindow == 0 || time.GetElapsedTime(_windowStart, now) > window))
            {
                _windowStart = now;
                _retriesInWindow = 0;
            }
            if (++_retriesInWindow > max)
                return false;
        }
        Interlocked.Increment(ref _total);
        return true;
    }
}
