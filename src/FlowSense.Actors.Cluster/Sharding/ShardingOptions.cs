namespace FlowSense.Actors.Cluster.Sharding;

/// <summary>How a <see cref="ShardRegion"/> shards, supervises and passivates its entities.</summary>
public sealed record ShardingOptions
{
    /// <summary>N in <c>shard = hash(entity id) mod N</c>; fixed for the life of a cluster.</summary>
    public int ShardCount { get; init; } = 256;

    /// <summary>Stop an entity after this long without a message (re-created on the next one); null never passivates.</summary>
    public TimeSpan? PassivateIdleAfter { get; init; }

    /// <summary>How often shards look for idle entities; null uses half of <see cref="PassivateIdleAfter"/>.</summary>
    public TimeSpan? PassivationCheckInterval { get; init; }

    /// <summary>
    /// Messages held for one entity while it is stopping (passivation) and not yet re-created. Beyond this they go to
    /// dead letters and are counted in <see cref="EntityState.Dropped"/>.
    /// </summary>
    public int MaxBufferedPerEntity { get; init; } = 1024;

    /// <summary>Restarts allowed per entity within <see cref="EntityRestartWindow"/> before the shard stops it; -1 for no limit.</summary>
    public int EntityMaxRestarts { get; init; } = -1;

    /// <summary>The window of <see cref="EntityMaxRestarts"/>; null counts over the entity's life.</summary>
    public TimeSpan? EntityRestartWindow { get; init; }

    /// <summary>How long a state query waits for the shards to answer.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(5);

    internal TimeSpan? CheckInterval =>
        PassivateIdleAfter is not { } idle ? null : PassivationCheckInterval ?? TimeSpan.FromTicks(Math.Max(1, idle.Ticks / 2));

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ShardCount, 1, nameof(ShardCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBufferedPerEntity, 0, nameof(MaxBufferedPerEntity));
        ArgumentOutOfRangeException.ThrowIfLessThan(EntityMaxRestarts, -1, nameof(EntityMaxRestarts));
        if (PassivateIdleAfter is { } idle)
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idle, TimeSpan.Zero, nameof(PassivateIdleAfter));
    }
}
