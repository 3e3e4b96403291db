namespace FlowSense.Cli.Bench;

/// <summary>How one bench run is driven.</summary>
/// <param name="Name">"max" or the paced share, e.g. "50%".</param>
/// <param name="EventsPerSecond">The paced rate; null for full speed.</param>
/// <param name="Tick">How often a paced run's source wakes to emit what is due (its latency cap).</param>
/// <param name="Duration">The measured window (after the warm-up).</param>
/// <param name="WarmUp">Time given to JIT, thread-pool growth and the creation of every symbol actor, not measured.</param>
/// <param name="BatchSize">Events per source batch at most (every batch at full speed).</param>
/// <param name="BatchesInFlight">Source batches delivered but not yet acknowledged, at most.</param>
/// <param name="Shards">Shards of the symbol region.</param>
/// <param name="MemoryEverySeconds">Seconds between memory samples.</param>
/// <param name="Dispatcher">The dispatcher of the symbol actors.</param>
/// <param name="LaneIdleSpin">How long a lane out of work spins before it parks.</param>
/// <param name="TicksOnLanes">A paced run's source is woken for its ticks by the lanes, not a timer thread of its own.</param>
internal sealed record RunPlan(string Name, double? EventsPerSecond, TimeSpan Tick, TimeSpan Duration, TimeSpan WarmUp, int BatchSize,
    int BatchesInFlight, int Shards, int MemoryEverySeconds, string Dispatcher, TimeSpan LaneIdleSpin, bool TicksOnLanes);
