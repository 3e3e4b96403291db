using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// The symbol actors of a node: a <see cref="ShardRegion"/> at <c>/user/shards</c> whose entities are
/// <see cref="SymbolActor"/>s, with the <see cref="SymbolDirectory"/> that lists them. Send symbol messages
/// (<see cref="SymbolEvents"/>, queries, subscriptions) to <see cref="Region"/>.
/// </summary>
public sealed class SymbolShards
{
    private SymbolShards(IActorRef region, SymbolDirectory directory, ShardingOptions options)
    {
        Region = region;
        Directory = directory;
        Options = options;
    }

    public IActorRef Region { get; }

    public SymbolDirectory Directory { get; }

    public ShardingOptions Options { get; }

    public SymbolCatalog Catalog => Directory.Catalog;

    /// <summary>Starts the region for the instruments of <paramref name="catalog"/>.</summary>
    public static SymbolShards Start(ActorSystem system, SymbolCatalog catalog, ShardingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var o = options ?? new ShardingOptions();
        var directory = new SymbolDirectory(catalog, o.ShardCount);
        var region = ShardRegion.Start(system, id => SymbolActor.Props(directory.Entry(id)), o);
        return new SymbolShards(region, directory, o);
    }
}
