using System.Net.Sockets;
using Npgsql;

namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>
/// When a sink tries a failed batch again, and after how long: capped exponential back-off, unlimited attempts for
/// an unreachable database unless <see cref="TimeSeriesSinkOptions.MaxAttempts"/> says otherwise, and a few attempts
/// only for an error that would recur.
/// </summary>
internal readonly struct RetryPolicy
{
    /// <summary>Attempts for a batch the server rejects (a data or schema error), which retrying cannot cure.</summary>
    public const int AttemptsOnServerError = 3;

    private readonly TimeSpan _firstDelay;
    private readonly TimeSpan _maxDelay;
    private readonly int? _maxAttempts;

    public RetryPolicy(TimeSeriesSinkOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRetryDelay, options.RetryDelay);
        if (options.MaxAttempts is int max)
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(options.MaxAttempts));
        _firstDelay = options.RetryDelay;
        _maxDelay = options.MaxRetryDelay;
        _maxAttempts = options.MaxAttempts;
    }

    /// <summary>Whether a batch that has failed <paramref name="attempts"/> times, the last with <paramref name="error"/>, is tried again.</summary>
    public bool ShouldRetry(int attempts, Exception error)
    {
        int limit = IsConnectionFailure(error) ? _maxAttempts ?? int.MaxValue : Math.Min(_maxAttempts ?? int.MaxValue, AttemptsOnServerError);
        return attempts < limit;
    }

    /// <summary>The pause after the <paramref name="attempts"/>-th failed attempt: the first delay, doubled each time, capped.</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        TimeSpan delay = _firstDelay;
        for (int i = 1; i < attempts && delay < _maxDelay; i++)
            delay *= 2;
        return delay < _maxDelay ? delay : _maxDelay;
    }

    /// <summary>
    /// Whether <paramref name="error"/> means the database could not be reached or went away (an outage), rather than
    /// an answer about the batch: no server reply at all (refused, reset, timed out), or a reply saying the server is
    /// shutting down, starting, or out of resources.
    /// </summary>
    public static bool IsConnectionFailure(Exception error) => error switch
    {
        PostgresException server => server.IsTransient
            || server.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || server.SqlState.StartsWith("57P", StringComparison.Ordinal) // admin/crash shutdown, cannot connect now
            || server.SqlState.StartsWith("53", StringComparison.Ordinal), // insufficient resources
        NpgsqlException => true, // no server answer: the connection failed
        TimeoutException or IOException or SocketException => true,
        _ => false,
    };
}
