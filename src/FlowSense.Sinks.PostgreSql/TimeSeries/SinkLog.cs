using Microsoft.Extensions.Logging;

namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>The sinks' log messages (source-generated: no allocation when the level is off).</summary>
internal static partial class SinkLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message =
        "Sink {Table} cannot reach PostgreSQL ({Database}): {Reason} Rows are held (up to {Capacity} buffered plus two batches of " +
        "{BatchSize}), then writers wait; the load is retried at least every {MaxRetryDelay}. Check that the server is running " +
        "and reachable from this host and that the connection string is right.")]
    public static partial void OutageStarted(ILogger logger, Exception error, string table, string database, string reason, int capacity, int batchSize, TimeSpan maxRetryDelay);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message =
        "Sink {Table} reached PostgreSQL ({Database}) again after an outage of {Duration}; {RowsHeld} rows held are being stored.")]
    public static partial void OutageEnded(ILogger logger, string table, string database, TimeSpan duration, long rowsHeld);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message =
        "Sink {Table} gave up a batch of {Rows} rows after {Attempts} attempts; they are counted failed.")]
    public static partial void BatchFailed(ILogger logger, Exception error, string table, int rows, int attempts);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message =
        "Sink {Table} was closed before it could store {Rows} rows (the database was unreachable); they are counted failed.")]
    public static partial void RowsAbandoned(ILogger logger, string table, long rows);
}
