namespace FlowSense.Actors.Persistence.CircuitBreaker;

/// <summary>The states of a <see cref="JournalCircuitBreaker"/>.</summary>
public enum CircuitState
{
    /// <summary>Calls go through; consecutive failures are counted.</summary>
    Closed,
    /// <summary>Calls fail fast until the reset timeout has passed.</summary>
    Open,
    /// <summary>One trial call goes through; its success closes the breaker, its failure opens it again.</summary>
    HalfOpen,
}
