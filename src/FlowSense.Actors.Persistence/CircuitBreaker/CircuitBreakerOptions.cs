namespace FlowSense.Actors.Persistence.CircuitBreaker;

/// <summary>Thresholds of a <see cref="JournalCircuitBreaker"/>.</summary>
public sealed record CircuitBreakerOptions
{
    /// <summary>A call that takes longer counts as failed (its outcome is then unknown: it may still commit).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Consecutive failures that open the breaker.</summary>
    public int MaxFailures { get; init; } = 5;

    /// <summary>How long the breaker stays open before it lets one trial call through.</summary>
    public TimeSpan ResetTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
