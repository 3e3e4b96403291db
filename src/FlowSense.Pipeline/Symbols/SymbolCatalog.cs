using System.Collections.Concurrent;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// Which instruments the node processes and how: settings per instrument, or a rule per venue (for venues whose
/// instruments share a book type and scales). Thread-safe; read by ingestion (to route) and by the shard region (to
/// create symbol actors).
/// </summary>
public sealed class SymbolCatalog
{
    private readonly ConcurrentDictionary<InstrumentId, SymbolSettings> _instruments = new();
    private readonly ConcurrentDictionary<string, Func<InstrumentId, SymbolSettings>> _venues = new(StringComparer.Ordinal);

    /// <summary>Settings for one instrument (they win over its venue's rule).</summary>
    public SymbolCatalog Add(SymbolSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _instruments[settings.Instrument.Id] = settings;
        return this;
    }

    /// <summary>Settings for every instrument of <paramref name="venue"/> not added on its own.</summary>
    public SymbolCatalog AddVenue(string venue, Func<InstrumentId, SymbolSettings> settingsFor)
    {
        ArgumentException.ThrowIfNullOrEmpty(venue);
        ArgumentNullException.ThrowIfNull(settingsFor);
        _venues[venue] = settingsFor;
        return this;
    }

    /// <summary>The settings of <paramref name="instrument"/>; false when neither it nor its venue is known.</summary>
    public bool TryResolve(InstrumentId instrument, out SymbolSettings settings)
    {
        if (_instruments.TryGetValue(instrument, out settings!))
            return true;
        if (instrument.Venue is { } venue && _venues.TryGetValue(venue, out var rule))
        {
            settings = _instruments.GetOrAdd(instrument, rule);
            return true;
        }
        settings = null!;
        return false;
    }
}
