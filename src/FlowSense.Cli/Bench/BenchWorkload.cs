using FlowSense.Feeds.Itch;
using FlowSense.Feeds.Lobster;
using FlowSense.Feeds.Replay;
using FlowSense.Feeds.Synthetic;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Cli.Bench;

/// <summary>
/// What a bench run replays: synthetic ITCH (the sample over many symbols, L3 books, venue-wide sequence numbers) or
/// synthetic LOBSTER (one symbol, L3), as endless replays, with the catalog that gives every symbol its settings.
/// </summary>
internal sealed class BenchWorkload
{
    private readonly Func<ReplayOptions, ReplaySource> _replay;

    private BenchWorkload(string name, int symbols, long eventsPerPass, SymbolCatalog catalog, Func<ReplayOptions, ReplaySource> replay)
    {
        Name = name;
        Symbols = symbols;
        EventsPerPass = eventsPerPass;
        Catalog = catalog;
        _replay = replay;
    }

    public string Name { get; }

    public int Symbols { get; }

    public long EventsPerPass { get; }

    /// <summary>Settings for every symbol the workload produces.</summary>
    public SymbolCatalog Catalog { get; }

    /// <summary>A replay that runs until stopped (as many passes as the synthetic timestamps allow).</summary>
    public ReplaySource Replay(ReplayOptions options) => _replay(options);

    public static BenchWorkload Itch(string samplePath, int symbols)
    {
        var synthetic = SyntheticItch.FromSample(samplePath, new DateOnly(2010, 12, 24), symbols);
        var catalog = new SymbolCatalog().AddVenue(ItchEventTranslator.Venue, id => new SymbolSettings(
            new Instrument(id, ItchEventTranslator.PriceDecimals, TickSize: 100, SizeDecimals: 0), BookType.L3)
        {
            SequenceScope = SequenceScope.DuplicatesOnly, // ITCH numbers messages across all stocks
        });
        return new BenchWorkload("itch", synthetic.Symbols, synthetic.EventsPerPass, catalog, o => synthetic.Replay(synthetic.MaxPasses, o));
    }

    public static BenchWorkload Lobster(string messagePath)
    {
        var session = new LobsterSession(new InstrumentId("NASDAQ", "AAPL"), new DateOnly(2012, 6, 21));
        var synthetic = SyntheticLobster.FromSample(messagePath, session);
        var catalog = new SymbolCatalog().Add(new SymbolSettings(session.InstrumentFacts, BookType.L3));
        return new BenchWorkload("lobster", 1, synthetic.EventsPerPass, catalog, o => synthetic.Replay(synthetic.MaxPasses, o));
    }
}
