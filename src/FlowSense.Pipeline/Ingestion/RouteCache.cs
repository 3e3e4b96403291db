using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Pipeline.Ingestion;

/// <summary>
/// A fixed-size cache in front of <see cref="ShardRouter"/>'s dictionary, keyed by the identity of an instrument's two
/// strings rather than by their characters. Decoders hand out the same two string objects for every event of an
/// instrument (the ITCH translator binds them once per stock locate), so a hit costs one identity hash and two
/// reference compares, where the dictionary hashes both strings' characters and compares them. Two ways per set,
/// least recently used out: with 999 symbols interleaving event by event, a one-entry "last route" never hits and a
/// direct-mapped table of this size would still miss about one lookup in ten on collisions.
/// </summary>
/// <remarks>
/// A miss only costs the dictionary lookup it replaces: an instrument whose strings are fresh objects per event (a
/// codec that allocates per message) misses every time and is still routed right. Only routable instruments are
/// cached; unknown ones go to the dictionary, which remembers them. Allocation-free after construction; one thread.
/// </remarks>
internal sealed class RouteCache
{
    /// <summary>Sets of two entries: 4,096 entries of 24 bytes, enough for a few thousand interleaved instruments.</summary>
    internal const int Sets = 2048;

    private readonly Entry[] _entries = new Entry[Sets * 2];

    /// <summary>The route cached for these very strings (the same objects, not merely equal ones).</summary>
    public bool TryGet(in InstrumentId instrument, [NotNullWhen(true)] out ShardRouter.Route? route)
    {
        if (instrument.Symbol is { } symbol)
        {
            int first = FirstOf(symbol);
            ref Entry recent = ref _entries[first];
            if (recent.Matches(instrument))
            {
                route = recent.Route!;
                return true;
            }
            ref Entry older = ref _entries[first + 1];
            if (older.Matches(instrument))
            {
                route = older.Route!;
                (recent, older) = (older, recent); // now the most recent of its set
                return true;
            }
        }
        route = null;
        return false;
    }

    /// <summary>Caches <paramref name="route"/> under <paramref name="instrument"/>'s strings, evicting its set's older entry.</summary>
    public void Add(in InstrumentId instrument, ShardRouter.Route route)
    {
        if (instrument.Symbol is not { } symbol || instrument.Venue is null)
            return;
        int first = FirstOf(symbol);
        _entries[first + 1] = _entries[first];
        _entries[first] = new Entry(instrument.Venue, symbol, route);
    }

    // The identity hash is stored in the string's header on first use: no characters are read, nothing is allocated.
    private static int FirstOf(string symbol) => (RuntimeHelpers.GetHashCode(symbol) & (Sets - 1)) * 2;

    private readonly struct Entry(string venue, string symbol, ShardRouter.Route route)
    {
        private readonly string? _venue = venue;
        private readonly string? _symbol = symbol;

        public ShardRouter.Route? Route { get; } = route;

        public bool Matches(in InstrumentId instrument) =>
            ReferenceEquals(_symbol, instrument.Symbol) && ReferenceEquals(_venue, instrument.Venue);
    }
}
