namespace FlowSense.Actors.Persistence.CircuitBreaker;

/// <summary>
/// The journal's circuit breaker is open: the storage failed repeatedly, so this call was refused without trying.
/// Nothing of the call was stored.
/// </summary>
public sealed class CircuitBreakerOpenException : Exception
{
    public CircuitBreakerOpenException(int failures, DateTimeOffset retryAt, Exception? lastFailure)
        : base($"Journal circuit breaker is open after {failures} consecutive failures " +
               $"(last: {lastFailure?.GetType().Name}: {lastFailure?.Message}); the write was not attempted. " +
               $"A trial call is let through at {retryAt:O}.", lastFailure)
    {
        Failures = failures;
        RetryAt = retryAt;
    }

    /// <summary>Consecutive failures that opened (or re-opened) the breaker.</summary>
    public int Failures { get; }

    /// <summary>When the breaker lets the next trial call through.</summary>
    public DateTimeOffset RetryAt { get; }
}
