using System.Collections.Concurrent;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// Every symbol this node has seen, with its shard, venue, book type and counters: what the management endpoint
/// lists. Thread-safe; entries are created by the shard region when a symbol's actor is first created, and their
/// counters are read live.
/// </summary>
public sealed class SymbolDirectory
{
    private readonly ConcurrentDictionary<string, SymbolEntry> _entries = new(StringComparer.Ordinal);

    public SymbolDirectory(SymbolCatalog catalog, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        Catalog = catalog;
        ShardCount = shardCount;
    }

    public SymbolCatalog Catalog { get; }

    public int ShardCount { get; }

    public int Count => _entries.Count;

    /// <summary>The entry of <paramref name="entityId"/>, created (with the catalog's settings, or none) on first use.</summary>
    public SymbolEntry Entry(string entityId)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        return _entries.GetOrAdd(entityId, static (id, self) =>
        {
            bool named = SymbolKey.TryParse(id, out var instrument);
            SymbolSettings? settings = null;
            bool known = named && self.Catalog.TryResolve(instrument, out settings);
            return new SymbolEntry(id, instrument, ShardId.Of(id, self.ShardCount), known ? settings : null);
        }, this);
    }

    /// <summary>Symbols whose actor is running now: created and neither passivated nor stopped.</summary>
    public int ActiveCount => _entries.Values.Count(e => e.IsActive);

    /// <summary>Every entry created so far (known and unknown symbols).</summary>
    internal IEnumerable<SymbolEntry> Entries => _entries.Values;

    /// <summary>The entry of <paramref name="instrument"/> if its actor was ever created here.</summary>
    public bool TryGet(InstrumentId instrument, out SymbolEntry entry) => _entries.TryGetValue(SymbolKey.EntityId(instrument), out entry!);

    /// <summary>Every known symbol, ordered by venue then symbol.</summary>
    public IReadOnlyList<SymbolListing> List() =>
        [.. _entries.Values.Where(e => e.Settings is not null)
            .OrderBy(e => e.Instrument.Venue, StringComparer.Ordinal).ThenBy(e => e.Instrument.Symbol, StringComparer.Ordinal)
            .Select(e => new SymbolListing(e.Instrument, e.Shard, e.Settings!.BookType, Health(e)))];

    /// <summary>The health counters of one entry, read now.</summary>
    public static SymbolHealth Health(SymbolEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var c = entry.Counters;
        return new SymbolHealth(entry.Instrument, entry.Shard, c.Applied, c.Duplicates, c.Gaps, c.Rejected, c.Skipped, c.Resyncs,
            c.Restarts, c.Quarantined, c.LastEventTimeNs)
        {
            Failure = entry.Failure?.Message,
            RecoveryRetries = c.RecoveryRetries,
        };
    }
}

/// <summary>One line of the symbol directory.</summary>
public sealed record SymbolListing(InstrumentId Instrument, ShardId Shard, BookType BookType, SymbolHealth Health)
{
    public string Venue => Instrument.Venue;

    /// <summary>The entity's actor path.</summary>
    public string Path => $"/user/{ShardRegion.Name}/{Shard}/{EntityName.Escape(SymbolKey.EntityId(Instrument))}";
}
