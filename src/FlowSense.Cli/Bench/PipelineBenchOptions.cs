namespace FlowSense.Cli.Bench;

/// <summary>The settings of <c>flowsense bench pipeline</c>.</summary>
internal sealed record PipelineBenchOptions
{
    public string Source { get; init; } = "itch";

    public int Symbols { get; init; } = 1_000;

    /// <summary>Measured time of each run.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Unmeasured time at the start of each run.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The paced runs, in percent of the full-speed run's sustained rate.</summary>
    public IReadOnlyList<int> RatePercents { get; init; } = [25, 50, 90];

    /// <summary>
    /// The rate the paced runs take their shares of, instead of a full-speed run's: to compare builds, or a build
    /// under other settings, at the same load. Null measures it (the default).
    /// </summary>
    public double? MaxRate { get; init; }

    /// <summary>How often a paced run's source wakes and emits the events due by then.</summary>
    public TimeSpan Tick { get; init; } = FlowSense.Feeds.Replay.ReplayPace.DefaultTick;

    /// <summary>
    /// Events per source batch at full speed (paced runs emit smaller ones while on schedule). Large, because a batch is regrouped into
    /// one message per symbol: over 1,000 symbols a 16k batch gives each symbol a slice of ~16 events, which pays
    /// the per-message cost (a mailbox turn, a thread-pool work item, an acknowledgement) once per 16 events.
    /// </summary>
    public int BatchSize { get; init; } = 16_384;

    /// <summary>
    /// Batches out at once (decoded, regrouped and told, not yet acknowledged by every symbol). Fewer in flight cut the
    /// latency from decoding, by holding the source back (the wait then shows in due p99), and the full-speed rate.
    /// </summary>
    public int BatchesInFlight { get; init; } = Pipeline.Ingestion.IngestionOptions.DefaultMaxBatchesInFlight;

    /// <summary>Where the symbol actors run: <c>lanes</c> (the node's default) or <c>default</c> (the thread pool).</summary>
    public string Dispatcher { get; init; } = Actors.Dispatchers.LanesId;

    /// <summary>How long a lane out of work spins before it parks (the node's <c>lanes-dispatcher.idle-spin</c>).</summary>
    public TimeSpan LaneIdleSpin { get; init; } = Actors.LanesDispatcherOptions.DefaultIdleSpin;

    /// <summary>
    /// What wakes a paced run's source for its ticks: <c>lanes</c> (the symbols' lanes, between their turns; see
    /// <see cref="Feeds.Replay.ReplayOptions.TickLanes"/>) or <c>thread</c> (a timer thread of its own). With the thread-pool
    /// dispatcher, always the thread.
    /// </summary>
    public string TicksOn { get; init; } = TicksOnLanes;

    public const string TicksOnLanes = "lanes", TicksOnThread = "thread";

    /// <summary>Whether the lanes do wake the source: asked for, and the symbols run on the lanes.</summary>
    public bool TicksRunOnLanes => TicksOn == TicksOnLanes && Dispatcher == Actors.Dispatchers.LanesId;

    public TimeSpan MemoryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Also measure the per-stage CPU breakdown.</summary>
    public bool Stages { get; init; } = true;
}
