using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Pipeline.Recording;
using FlowSense.Pipeline.Snapshots;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// The symbol actors of a node: a <see cref="ShardRegion"/> at <c>/user/shards</c> whose entities are
/// <see cref="SymbolActor"/>s, with the <see cref="SymbolDirectory"/> that lists them. Send symbol messages
/// (<see cref="SymbolEvents"/>, queries, subscriptions) to <see cref="Region"/>.
/// </summary>
public sealed class SymbolShards
{
    private SymbolShards(IActorRef region, SymbolDirectory directory, ShardingOptions options, SymbolPersistence? persistence, MessageDispatcher dispatcher)
    {
        Region = region;
        Dispatcher = dispatcher;
        Directory = directory;
        Options = options;
        Persistence = persistence;
    }

    public IActorRef Region { get; }

    public SymbolDirectory Directory { get; }

    public ShardingOptions Options { get; }

    /// <summary>Where the symbols snapshot their state; null when they live in memory only.</summary>
    public SymbolPersistence? Persistence { get; }

    public SymbolCatalog Catalog => Directory.Catalog;

    /// <summary>The dispatcher the symbol actors run on.</summary>
    public MessageDispatcher Dispatcher { get; }

    /// <summary>
    /// Starts the region for the instruments of <paramref name="catalog"/>. With <paramref name="persistence"/>, every
    /// symbol actor recovers from and snapshots to its store, and the coordinated shutdown's snapshot phase stores
    /// every running symbol's state (<see cref="SnapshotAllAsync"/>). With <paramref name="recording"/>, every symbol
    /// actor records its time series (trades, quotes, bars, sampled book tops and features) to its writer. Symbol
    /// actors run on <paramref name="dispatcher"/>: by default the <see cref="Dispatchers.LanesId">lanes</see>, a thread
    /// per core with each symbol pinned to one, since a thousand symbols that each get an event or two at a time would
    /// otherwise keep the thread pool's threads waking and parking (see <see cref="LaneDispatcher"/>).
    /// </summary>
    public static SymbolShards Start(
        ActorSystem system, SymbolCatalog catalog, ShardingOptions? options = null, SymbolPersistence? persistence = null, SeriesRecording? recording = null,
        string dispatcher = Dispatchers.LanesId)
    {
        ArgumentNullException.ThrowIfNull(system);
        persistence?.Options.Validate();
        recording?.Validate();
        var o = options ?? new ShardingOptions();
        var directory = new SymbolDirectory(catalog, o.ShardCount);
        var symbolDispatcher = system.Dispatchers.Lookup(dispatcher);
        var region = ShardRegion.Start(system, id => SymbolActor.Props(directory.Entry(id), persistence, recording, dispatcher), o);
        var shards = new SymbolShards(region, directory, o, persistence, symbolDispatcher);
        if (persistence is not null)
            system.CoordinatedShutdown.AddTask(CoordinatedShutdown.Snapshot, "snapshot-symbols", shards.SnapshotAllAsync);
        return shards;
    }

    /// <summary>
    /// Asks every running symbol actor to store its state and waits for all of them; returns what each stored.
    /// Passivated symbols are left alone (they were saved when they stopped), and so are symbols that could not
    /// recover (<see cref="SymbolEntry.Failure"/>): their unrestorable snapshot stays as it was.
    /// </summary>
    /// <exception cref="AggregateException">Some snapshots failed (the others are stored).</exception>
    public async Task<IReadOnlyList<SymbolSnapshotSaved>> SnapshotAllAsync(CancellationToken cancellationToken = default)
    {
        if (Persistence is null)
            throw new InvalidOperationException("The symbols are not persistent: start them with a SymbolPersistence.");
        Task<object>[] replies = [.. Directory.Entries
            .Where(e => e.Settings is not null && e.IsActive && e.Failure is null)
            .Select(e => Region.Ask(new ShardEnvelope(e.EntityId, SaveSymbolSnapshot.Instance), Timeout.InfiniteTimeSpan, cancellationToken))];
        object[] answers = await Task.WhenAll(replies).ConfigureAwait(false);
        var failures = answers.OfType<SymbolSnapshotFailed>().Select(f => f.Cause).ToList();
        if (failures.Count > 0)
            throw new AggregateException($"{failures.Count} of {answers.Length} symbol snapshots failed.", failures);
        return [.. answers.OfType<SymbolSnapshotSaved>()];
    }
}
