using System.Runtime.CompilerServices;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Symbols;
using FlowSense.Pipeline.Tests.Symbols;

namespace FlowSense.Pipeline.Tests.Ingestion;

/// <summary>
/// The router's cached lookups give what a plain dictionary lookup gives: each batch regrouped exactly as a stable
/// group-by on the instrument (by value, not by string identity) regroups it, with every event's source position, and
/// the cache itself hits only the very strings it holds and keeps the two most recent per set.
/// </summary>
public sealed class ShardRouterTests
{
    private const string Venue = "ROUTE";

    [Fact]
    public void Regroup_matches_a_group_by_over_many_interleaved_instruments_fresh_strings_and_unknown_venues()
    {
        var catalog = new SymbolCatalog().AddVenue(Venue, id => new SymbolSettings(new Instrument(id, 2, 1, 0), BookType.L2));
        var router = new ShardRouter(catalog);
        var buffer = new SliceBuffer(16);
        var random = new Random(11);
        // More instruments than the cache holds, so sets overflow and evict; each also under a second, equal string.
        var known = Enumerable.Range(0, 3 * RouteCache.Sets).Select(i => new InstrumentId(Venue, "S" + i)).ToArray();
        // Unknown venues, some with the very symbol strings of known instruments (so the venue must be compared too).
        var unknown = Enumerable.Range(0, 8).Select(i => new InstrumentId("ELSEWHERE", i < 4 ? known[i].Symbol : "U" + i)).ToArray();
        var seen = new HashSet<InstrumentId>();
        long position = 0;

        for (int round = 0; round < 200; round++)
        {
            var events = new MarketEvent[random.Next(1, 600)];
            for (int i = 0; i < events.Length; i++)
                events[i] = Event(Pick(random, known, unknown), position + i + 1);

            int routed = router.Regroup(events, buffer, position + 1);

            var expected = events.Where(e => e.Header.Instrument.Venue == Venue).GroupBy(e => e.Header.Instrument).ToList();
            Assert.Equal(expected.Sum(g => g.Count()), routed);
            Assert.Equal(expected.Select(g => g.Key), router.Touched.ToArray().Select(r => r.Instrument));
            for (int g = 0; g < expected.Count; g++)
            {
                var route = router.Touched[g];
                Assert.Equal(expected[g], buffer.Events.AsSpan(route.Offset, route.Count).ToArray());
                Assert.Equal(expected[g].Select(e => e.Header.Sequence), buffer.Positions.AsSpan(route.Offset, route.Count).ToArray());
            }
            seen.UnionWith(expected.Select(g => g.Key));
            position += events.Length;
        }
        Assert.Equal(seen.OrderBy(id => id.Symbol), router.Known.Select(r => r.Instrument).OrderBy(id => id.Symbol));
    }

    [Fact]
    public void The_cache_hits_only_the_same_strings_and_keeps_the_two_most_recent_of_a_set()
    {
        var cache = new RouteCache();
        var (a, b, c) = ThreeInOneSet();
        var routes = new[] { a, b, c }.ToDictionary(id => id, id => new ShardRouter.Route(id, id.Symbol));
        cache.Add(a, routes[a]);
        cache.Add(b, routes[b]);

        Assert.True(cache.TryGet(a, out var hit) && hit == routes[a]);
        Assert.False(cache.TryGet(new InstrumentId(Venue, new string(a.Symbol)), out _)); // equal, but another object
        Assert.False(cache.TryGet(new InstrumentId(new string(Venue), a.Symbol), out _));
        Assert.False(cache.TryGet(default, out _));

        cache.Add(c, routes[c]); // a was used after b: b goes
        Assert.True(cache.TryGet(c, out hit) && hit == routes[c]);
        Assert.True(cache.TryGet(a, out hit) && hit == routes[a]);
        Assert.False(cache.TryGet(b, out _));
    }

    private static InstrumentId Pick(Random random, InstrumentId[] known, InstrumentId[] unknown)
    {
        int roll = random.Next(100);
        if (roll < 3)
            return unknown[random.Next(unknown.Length)];
        // Skewed towards a hot few hundred, as a real tape is, with the cold rest still interleaving.
        var id = known[roll < 70 ? random.Next(300) : random.Next(known.Length)];
        return roll < 10 ? new InstrumentId(new string(id.Venue), new string(id.Symbol)) : id;
    }

    private static MarketEvent Event(InstrumentId instrument, long sequence) =>
        TestEvents.Delta(instrument, sequence, sequence, Side.Bid, 100 + sequence % 7, 1);

    /// <summary>Three symbols whose identity hashes fall into the same set (found by trying, as the hashes are random).</summary>
    private static (InstrumentId, InstrumentId, InstrumentId) ThreeInOneSet()
    {
        var bySet = new Dictionary<int, List<InstrumentId>>();
        for (int i = 0; ; i++)
        {
            var id = new InstrumentId(Venue, "C" + i);
            int set = RuntimeHelpers.GetHashCode(id.Symbol) & (RouteCache.Sets - 1);
            if (!bySet.TryGetValue(set, out var same))
                bySet[set] = same = [];
            same.Add(id);
            if (same.Count == 3)
                return (same[0], same[1], same[2]);
        }
    }
}
