using FlowSense.Actors.Streams;
using FlowSense.Feeds.Coinbase;
using FlowSense.Feeds.Lobster;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Symbols;
using FlowSense.Testing;

namespace FlowSense.Pipeline.Tests.Ingestion;

/// <summary>The shared recordings the pipeline tests replay, with the catalog entry each needs.</summary>
internal static class Recorded
{
    public static readonly InstrumentId Aapl = new("NASDAQ", "AAPL");
    public static readonly InstrumentId Ibm = new("USA", "IBM");

    public static ReplaySource Lobster(int batchSize = 64) => ReplaySource.Lobster(
        SharedData.File("lobster", "AAPL_2012-06-21_34200000_57600000_message_10.csv"),
        new LobsterSession(Aapl, new DateOnly(2012, 6, 21)), new ReplayOptions { BatchSize = batchSize });

    public static SymbolSettings LobsterSettings => new(new LobsterSession(Aapl, new DateOnly(2012, 6, 21)).InstrumentFacts, BookType.L3)
    {
        BarHistory = 100_000,
    };

    public static ReplaySource LeanIbm() => ReplaySource.Lean(
        SharedData.File("equity-ticks", "tick", "20131007_trade.zip"),
        SharedData.File("equity-ticks", "tick", "20131007_quote.zip"), Ibm, new ReplayOptions { BatchSize = 512 });

    public static SymbolSettings LeanSettings => new(new Instrument(Ibm, 4, 100, 0), BookType.L1)
    {
        SaleConditions = SaleConditionFilter.LeanTradeBars,
        BarHistory = 100_000,
    };

    public static ReplaySource Coinbase() => ReplaySource.Capture(SharedData.File("crypto", "COINBASE.ws.28.0"),
        (sink, q) => new CoinbaseCodec(sink, q), new ReplayOptions { BatchSize = 128 });

    /// <summary>Every Coinbase product is an L2 book with 8 decimals, as the codec scales them.</summary>
    public static SymbolCatalog CoinbaseCatalog() => new SymbolCatalog().AddVenue(CoinbaseCodec.Venue,
        id => new SymbolSettings(new Instrument(id, CoinbaseCodec.Decimals, 1, CoinbaseCodec.Decimals), BookType.L2) { BarHistory = 100_000 });

    /// <summary>Every event a replay yields, in order, read without any actor.</summary>
    public static async Task<List<MarketEvent>> EventsOf(ReplaySource replay)
    {
        var batches = await replay.Source.RunWith(Sink.ToList<EventBatch>()).Completion;
        return [.. batches.SelectMany(b => b.Events.ToArray())];
    }
}
