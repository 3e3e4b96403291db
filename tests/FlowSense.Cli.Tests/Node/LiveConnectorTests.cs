using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Binance;
using FlowSense.Feeds.Kraken;
using FlowSense.Feeds.Venues;
using FlowSense.Feeds.TestSupport.LoopbackVenues;
using FlowSense.Management.Contract;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;
using FlowSense.Node.Hosting;
using FlowSense.Testing;

namespace FlowSense.Cli.Tests.Node;

/// <summary>
/// Nodes whose configuration declares a live connector (and no replays), pointed at a loopback Binance that
/// replays the recorded session over a real websocket and REST. The CLI lists it, restarts it mid-session, and at the
/// end every symbol book of the node equals the venue's own replica, level for level, at the venue's last update id:
/// the restarted connection resynchronized and no event was applied twice.
/// </summary>
public sealed class LiveConnectorTests : IDisposable
{
    private static readonly string[] Symbols = ["NKNUSDT", "BLZETH", "LRCBTC", "RUNEEUR"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90); // a loaded 2-core machine

    private readonly CliRun _cli = new();

    [Fact]
    public async Task Connector_restart_reconnects_the_live_connector_and_every_book_ends_as_the_venues()
    {
        var session = RecordedSession.Load(SharedData.File("crypto", "BINANCE.ws.1.0"), SharedData.File("crypto", "BINANCE.http.0.0"));
        // Twice the recorded pace: about 15 s of session, long enough to restart in the middle of it.
        await using var venue = new LoopbackVenue(new BinanceSimulator(), session, speed: 2);
        await venue.StartAsync();
        await using FlowSenseNode node = await NodeHost.StartAsync(new NodeHostOptions { Settings = Connector("binance", venue, Symbols) });
        string address = node.ManagementAddress!.Authority;

        string[] listed = await AwaitConnector(address, c => c[2] == "Live" && Number(c[5]) > 0, "live with events");
        Assert.Equal(["binance", "websocket", "Live", "0"], listed[..4]);
        CliResult actors = await _cli.Invoke("actor", "hierarchy", "--node", address);
        Assert.Contains(actors.Out.Split('\n'), l => l.StartsWith("/user/connectors/binance\t", StringComparison.Ordinal));

        CliResult restart = await _cli.Invoke("connector", "restart", "binance", "--node", address);
        Assert.Equal(ExitCodes.Ok, restart.ExitCode);
        Assert.Contains("binance", restart.Out, StringComparison.Ordinal);
        await AwaitConnector(address, c => c[2] == "Live" && c[3] == "1", "live again after one reconnection");

        var replica = ((BinanceSimulator)venue.Simulator).Replica;
        await AwaitBooksAsTheVenues(node, venue, BinanceCodec.Venue, Symbols,
            id => (replica.Book(id)?.Book, new Instrument(id, BinanceCodec.Decimals, 1, BinanceCodec.Decimals)));

        // Exactly one restart: the one asked for. No duplicate applied: each book's last update id is the venue's.
        string[] final = await AwaitConnector(address, c => c[2] == "Live", "still live");
        Assert.Equal("1", final[3]);
        foreach (string symbol in Symbols)
        {
            InstrumentId id = new(BinanceCodec.Venue, symbol);
            SymbolBook book = (await node.Management.BookAsync(SymbolKey(id), 1, CancellationToken.None))!;
            Assert.Equal(replica.Book(id)!.LastUpdateId, book.Sequence);
            SymbolCounters counters = (await node.Management.CountersAsync(SymbolKey(id), CancellationToken.None))!;
            Assert.True(counters.Applied > 0, symbol);
            Assert.Equal(counters.Events, counters.Applied + counters.Duplicates + counters.Rejected + counters.Skipped + counters.Quarantined);
        }
        lock (venue.Errors)
            Assert.Empty(venue.Errors);
        Assert.Equal(2, venue.Connections);
    }

    /// <summary>
    /// Kraken pairs each have their own precision, which only their first message shows: the node learns it from the
    /// live connection, and its books (printed in decimals) equal the venue's at every level.
    /// </summary>
    [Fact]
    public async Task A_live_kraken_connector_learns_each_pairs_scales_and_its_books_end_as_the_venues()
    {
        string[] pairs = ["WAVES/EUR", "XMR/USD", "KSM/XBT", "GRT/ETH", "SC/EUR", "ETH/CHF", "OCEAN/XBT", "OMG/USD", "XBT/CHF", "ADA/XBT"];
        var session = RecordedSession.Load(SharedData.File("crypto", "KRAKEN.ws.50.0"));
        await using var venue = new LoopbackVenue(new KrakenSimulator(), session);
        await venue.StartAsync();
        await using FlowSenseNode node = await NodeHost.StartAsync(new NodeHostOptions { Settings = Connector("kraken", venue, pairs) });

        var replica = ((KrakenSimulator)venue.Simulator).Replica;
        await AwaitBooksAsTheVenues(node, venue, KrakenCodec.Venue, pairs,
            id => replica.Pair(id) is { } pair ? (pair.Book, new Instrument(id, pair.PriceDecimals, 1, pair.SizeDecimals)) : (null, default!));
        CliResult list = await _cli.Invoke("connector", "list", "--node", node.ManagementAddress!.Authority);
        Assert.Equal(["kraken", "websocket", "Live", "0"], list.Out.Split('\n').Select(l => l.Split('\t')).Single(r => r[0] == "kraken")[..4]);
    }

    /// <summary>The node's overrides: no replays, one live connector <paramref name="name"/> (also its venue) at the loopback venue.</summary>
    private static Dictionary<string, string?> Connector(string name, LoopbackVenue venue, string[] symbols)
    {
        var settings = new Dictionary<string, string?>
        {
            ["flowsense:node:replays:ibm:enabled"] = "false",
            ["flowsense:node:replays:coinbase:enabled"] = "false",
            ["flowsense:node:replays:kraken:enabled"] = "false",
            [$"flowsense:node:connectors:{name}:venue"] = name,
            [$"flowsense:node:connectors:{name}:url"] = venue.WebSocketBase.ToString(),
            [$"flowsense:node:connectors:{name}:rest-url"] = venue.RestBase.ToString(),
            [$"flowsense:node:connectors:{name}:backoff:min"] = "00:00:00.050",
            [$"flowsense:node:connectors:{name}:backoff:max"] = "00:00:01",
        };
        for (int i = 0; i < symbols.Length; i++)
            settings[$"flowsense:node:connectors:{name}:symbols:{i}"] = symbols[i];
        return settings;
    }

    /// <summary>Waits until the venue has published its whole session and every book of the node equals the venue's.</summary>
    private static async Task AwaitBooksAsTheVenues(
        FlowSenseNode node, LoopbackVenue venue, string venueName, string[] symbols, Func<InstrumentId, (VenueBook? Book, Instrument Scales)> expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        List<string> differing;
        while ((differing = await Differences(node, venueName, symbols, expected)).Count > 0 || !venue.Exhausted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the node's books never matched the venue's: " + string.Join("; ", differing));
            await Task.Delay(50); // polling a live session's end: there is no event to await
        }
    }

    /// <summary>The connector's row of <c>flowsense connector list</c> once <paramref name="condition"/> holds.</summary>
    private async Task<string[]> AwaitConnector(string address, Func<string[], bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        string last = "";
        while (true)
        {
            CliResult list = await _cli.Invoke("connector", "list", "--node", address);
            Assert.Equal(ExitCodes.Ok, list.ExitCode);
            string[]? row = list.Out.Split('\n').Skip(2).Select(l => l.TrimEnd('\r').Split('\t')).FirstOrDefault(r => r[0] == "binance");
            if (row is not null && condition(row))
                return row;
            last = list.Out;
            Assert.True(DateTime.UtcNow < deadline, $"the connector was never {what}: {last}");
            await Task.Delay(50); // polling the node over its endpoint, as an operator would
        }
    }

    private static async Task<List<string>> Differences(
        FlowSenseNode node, string venue, string[] symbols, Func<InstrumentId, (VenueBook? Book, Instrument Scales)> expected)
    {
        var differing = new List<string>();
        foreach (string symbol in symbols)
        {
            InstrumentId id = new(venue, symbol);
            (VenueBook? venueBook, Instrument instrument) = expected(id);
            if (venueBook?.View is not { } view)
            {
                differing.Add($"{symbol}: not yet published by the venue");
                continue;
            }
            SymbolBook? book = await node.Management.BookAsync(SymbolKey(id), 100_000, CancellationToken.None);
            if (book is null || !book.Bids.SequenceEqual(Levels(instrument, view, Side.Bid)) || !book.Asks.SequenceEqual(Levels(instrument, view, Side.Ask)))
                differing.Add($"{symbol}: {book?.Bids.Count}/{book?.Asks.Count} levels vs {view.LevelCount(Side.Bid)}/{view.LevelCount(Side.Ask)}");
        }
        return differing;
    }

    private static BookLevel[] Levels(Instrument instrument, IBookView book, Side side)
    {
        var levels = new Level[book.LevelCount(side)];
        book.TopLevels(side, levels);
        return [.. levels.Select(l => new BookLevel(instrument.PriceToDecimal(l.Price), instrument.SizeToDecimal(l.Size)))];
    }

    private static string SymbolKey(InstrumentId id) => Pipeline.Symbols.SymbolKey.EntityId(id);

    private static long Number(string text) => long.Parse(text.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _cli.Dispose();
}
