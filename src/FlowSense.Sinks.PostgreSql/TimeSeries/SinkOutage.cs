using Microsoft.Extensions.Logging;

namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>
/// Whether a sink's database is reachable, as its loader last found it: an outage begins with the first load that
/// fails for want of a connection and ends with the next load that commits. Each is logged once, not once per retry.
/// Written by the loader only; read by anyone.
/// </summary>
internal sealed class SinkOutage(string table, string database, TimeProvider time, ILogger logger)
{
    private long _sinceUtcTicks; // 0 while connected
    private long _count;

    /// <summary>Outages so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>When the current outage began, or <see langword="null"/> while connected.</summary>
    public DateTimeOffset? Since => Interlocked.Read(ref _sinceUtcTicks) is long ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Records a load that failed because the database could not be reached; logs only if this starts an outage.</summary>
    public void Begin(Exception error, TimeSeriesSinkOptions options)
    {
        if (Interlocked.Read(ref _sinceUtcTicks) != 0)
            return;
        Interlocked.Exchange(ref _sinceUtcTicks, time.GetUtcNow().UtcTicks);
        Interlocked.Increment(ref _count);
        SinkLog.OutageStarted(logger, error, table, database, error.Message, options.Capacity, options.BatchSize, options.MaxRetryDelay);
    }

    /// <summary>Records a load that committed; logs the end of the outage if there was one.</summary>
    public void End(long rowsHeld)
    {
        long since = Interlocked.Read(ref _sinceUtcTicks);
        if (since == 0)
            return;
        Interlocked.Exchange(ref _sinceUtcTicks, 0);
        SinkLog.OutageEnded(logger, table, database, time.GetUtcNow() - new DateTimeOffset(since, TimeSpan.Zero), rowsHeld);
    }
}
