using System.Runtime.InteropServices;
using FlowSense.Actors;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Ingestion;

/// <summary>
/// Regroups one source batch by instrument into a <see cref="SliceBuffer"/> (a counting sort: two passes, no
/// allocation once every instrument has been seen) and names each instrument's slice. Events whose instrument the
/// catalog does not know are left out and counted by the caller. Each instrument's route keeps where its slices go;
/// a <see cref="RouteCache"/> finds it by the identity of the instrument's strings, so the dictionary (which hashes
/// their characters) is asked once per instrument rather than once per event. Single-threaded: the ingestion run's one
/// loop uses it.
/// </summary>
internal sealed class ShardRouter(SymbolCatalog catalog)
{
    private readonly Dictionary<InstrumentId, Route?> _routes = [];
    private readonly RouteCache _cache = new();
    private readonly List<Route> _touched = [];
    private Route?[] _routeOf = new Route?[256];
    private int _batch;

    /// <summary>Every routable instrument seen so far.</summary>
    public IEnumerable<Route> Known => _routes.Values.OfType<Route>();

    /// <summary>The instruments of the last <see cref="Regroup"/>, each with its offset and count in the buffer.</summary>
    public ReadOnlySpan<Route> Touched => CollectionsMarshal.AsSpan(_touched);

    /// <summary>Whether a route of the last <see cref="Regroup"/> has no <see cref="Route.Target"/> yet (an instrument's first batch).</summary>
    public bool HasUnresolved { get; private set; }

    /// <summary>
    /// Copies the routable events of <paramref name="events"/> into <paramref name="buffer"/>, grouped by instrument in
    /// first-seen order, each with its source position (<paramref name="firstPosition"/> for the first event of the
    /// span, then one more per event); returns how many.
    /// </summary>
    public int Regroup(ReadOnlySpan<MarketEvent> events, SliceBuffer buffer, long firstPosition)
    {
        _batch++;
        _touched.Clear();
        HasUnresolved = false;
        if (_routeOf.Length < events.Length)
            _routeOf = new Route?[Math.Max(events.Length, _routeOf.Length * 2)];

        int routable = 0;
        for (int i = 0; i < events.Length; i++)
        {
            var route = RouteOf(events[i].Header.Instrument);
            _routeOf[i] = route;
            if (route is null)
                continue;
            if (route.Batch != _batch)
            {
                route.Batch = _batch;
                route.Count = 0;
                _touched.Add(route);
                HasUnresolved |= route.Target is null;
            }
            route.Count++;
            routable++;
        }

        buffer.EnsureCapacity(routable);
        int offset = 0;
        foreach (Route route in _touched)
        {
            route.Offset = offset;
            route.Next = offset;
            offset += route.Count;
        }
        var target = buffer.Events;
        var positions = buffer.Positions;
        for (int i = 0; i < events.Length; i++)
        {
            if (_routeOf[i] is { } route)
            {
                positions[route.Next] = firstPosition + i;
                target[route.Next++] = events[i];
            }
        }
        Array.Clear(_routeOf, 0, events.Length);
        return routable;
    }

    private Route? RouteOf(in InstrumentId instrument)
    {
        if (_cache.TryGet(instrument, out Route? cached))
            return cached;
        if (!_routes.TryGetValue(instrument, out Route? route))
        {
            // Remember unknown instruments too (as null), so each costs one lookup, not a catalog resolution per event.
            route = instrument.Venue is not null && instrument.Symbol is not null && catalog.TryResolve(instrument, out _)
                ? new Route(instrument, SymbolKey.EntityId(instrument))
                : null;
            _routes[instrument] = route;
        }
        if (route is not null)
            _cache.Add(instrument, route);
        return route;
    }

    /// <summary>One instrument's place in the current buffer.</summary>
    internal sealed class Route(InstrumentId instrument, string entityId)
    {
        public InstrumentId Instrument { get; } = instrument;

        public string EntityId { get; } = entityId;

        /// <summary>Where the run tells this instrument's slices (its symbol actor), once resolved.</summary>
        public IActorRef? Target { get; set; }

        /// <summary><see cref="Target"/> with its lane, when the symbols run on lanes (see <see cref="LaneFanOut.Resolve"/>).</summary>
        public LaneFanOut.Target OnLanes { get; set; }

        public int Batch { get; set; }

        public int Offset { get; set; }

        public int Count { get; set; }

        public int Next { get; set; }
    }
}
