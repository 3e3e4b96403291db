using System.CommandLine;
using System.Globalization;
using FlowSense.Cli.Terminal;
using FlowSense.Management.Client;
using FlowSense.Management.Contract;

namespace FlowSense.Cli.Symbol;

/// <summary><c>flowsense symbol list|book|features|bars</c>: what a node's symbol actors hold, once or live with <c>--follow</c>.</summary>
internal static class SymbolPalette
{
    public static Command Create(CliConsole console)
    {
        var connection = new NodeConnection(console);
        var palette = connection.Palette("symbol", "Inspect a running node's symbols: books, features and bars.");

        var list = new Command("list", "List the symbols the node owns, with their shard, events and top of book.");
        connection.SetNodeAction(list, async (client, parse, cancellation) =>
        {
            SymbolList symbols = await NodeConnection.Call(client, c => c.GetSymbolsAsync(cancellation)).ConfigureAwait(false);
            console.Table(new TableView($"{symbols.Symbols.Count} symbols on {client.Node.Authority}", ["symbol", "shard", "events", "bid", "ask", "health"],
                [.. symbols.Symbols.OrderBy(s => s.Symbol, StringComparer.Ordinal).Select(s => (IReadOnlyList<string>)
                    [s.Symbol, s.Shard.ToString(CultureInfo.InvariantCulture), Format.N(s.Events), Dec(s.BestBid), Dec(s.BestAsk),
                        s.Failure is null ? "ok" : "FAILED: " + s.Failure])]));
            return ExitCodes.Ok;
        });
        palette.Add(list);

        var depth = new Option<int>("--depth") { Description = "Levels per side.", DefaultValueFactory = _ => ManagementRoutes.DefaultDepth };
        palette.Add(Viewer(console, connection, "book", "Show the symbol's order book, best levels first.", [depth],
            (client, symbol, parse, interval, ct) => client.FollowBookAsync(symbol, parse.GetValue(depth), interval, ct),
            (client, symbol, parse, ct) => client.GetBookAsync(symbol, parse.GetValue(depth), ct), BookView));

        palette.Add(Viewer(console, connection, "features", "Show the symbol's microstructure features (spread, microprice, OFI, VPIN, Kyle's lambda, ...).", [],
            (client, symbol, _, interval, ct) => client.FollowFeaturesAsync(symbol, interval, ct),
            (client, symbol, _, ct) => client.GetFeaturesAsync(symbol, ct), FeaturesView));

        var count = new Option<int>("--count") { Description = "How many of the last bars.", DefaultValueFactory = _ => ManagementRoutes.DefaultBarCount };
        palette.Add(Viewer(console, connection, "bars", "Show the symbol's last bars.", [count],
            (client, symbol, parse, interval, ct) => client.FollowBarsAsync(symbol, parse.GetValue(count), interval, ct),
            (client, symbol, parse, ct) => client.GetBarsAsync(symbol, parse.GetValue(count), ct), BarsView));
        return palette;
    }

    /// <summary>A <c>symbol</c> sub-command that shows one view, or follows it with <c>--follow</c>.</summary>
    private static Command Viewer<T>(CliConsole console, NodeConnection connection, string name, string description, Option[] extra,
        Func<ManagementClient, string, ParseResult, TimeSpan, CancellationToken, IAsyncEnumerable<T>> follow,
        Func<ManagementClient, string, ParseResult, CancellationToken, Task<T>> once, Func<T, TableView> render)
    {
        var symbol = new Argument<string>("SYMBOL") { Description = "The symbol as the node names it, VENUE:SYMBOL (see 'flowsense symbol list')." };
        var followOption = new Option<bool>("--follow", "-f") { Description = "Keep the view live, redrawn whenever it changes, until Ctrl+C." };
        var interval = new Option<double>("--interval") { Description = "With --follow: seconds between checks for a change.", DefaultValueFactory = _ => 1.0 };
        var updates = new Option<int?>("--updates") { Description = "With --follow: stop after this many views (default: until Ctrl+C)." };
        var command = new Command(name, description) { symbol, followOption, interval, updates };
        foreach (Option option in extra)
            command.Add(option);
        connection.SetNodeAction(command, async (client, parse, cancellation) =>
        {
            string wanted = parse.GetValue(symbol)!;
            if (!parse.GetValue(followOption))
            {
                T view = await NodeConnection.Call(client, c => once(c, wanted, parse, cancellation), wanted).ConfigureAwait(false);
                console.Table(render(view));
                return ExitCodes.Ok;
            }
            double seconds = parse.GetValue(interval);
            if (seconds is <= 0 or > 3600)
                throw new UserError($"--interval {seconds} is out of range.", "Give seconds between 0 and 3600, e.g. --interval 0.5.", ExitCodes.Usage);
            try
            {
                await console.Follow(Render(follow(client, wanted, parse, TimeSpan.FromSeconds(seconds), cancellation), render), parse.GetValue(updates), cancellation).ConfigureAwait(false);
            }
            catch (ManagementException e)
            {
                throw await NodeConnection.Explain(client, e, wanted).ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async IAsyncEnumerable<TableView> Render<T>(IAsyncEnumerable<T> source, Func<T, TableView> render)
    {
        await foreach (T item in source.ConfigureAwait(false))
            yield return render(item);
    }

    private static TableView BookView(SymbolBook book)
    {
        int rows = Math.Max(book.Bids.Count, book.Asks.Count);
        var lines = new List<IReadOnlyList<string>>(rows);
        for (int i = 0; i < rows; i++)
        {
            BookLevel? bid = i < book.Bids.Count ? book.Bids[i] : null, ask = i < book.Asks.Count ? book.Asks[i] : null;
            lines.Add([(i + 1).ToString(CultureInfo.InvariantCulture), Dec(bid?.Size), Dec(bid?.Price), Dec(ask?.Price), Dec(ask?.Size)]);
        }
        string state = book.ResyncRequired ? " (resync required)" : book.Crossed ? " (crossed)" : string.Empty;
        return new TableView($"{book.Symbol} book, version {book.Version}, sequence {book.Sequence}{state}", ["level", "bid size", "bid", "ask", "ask size"], lines);
    }

    private static TableView FeaturesView(SymbolFeatures f) => new(
        $"{f.Symbol} features, version {f.Version}" + (f.Time is { } t ? $" at {t:yyyy-MM-dd HH:mm:ss.fff}" : string.Empty)
            + (f.Failure is null ? string.Empty : " — FAILED: " + f.Failure),
        ["feature", "value"],
        [
            ["best bid", Dec(f.BestBid)], ["best ask", Dec(f.BestAsk)], ["mid", Dbl(f.Mid)], ["spread", Dec(f.Spread)],
            ["relative spread", Dbl(f.RelativeSpread)], ["microprice", Dbl(f.Microprice)], ["estimated microprice", Dbl(f.EstimatedMicroprice)],
            ["depth imbalance", Dbl(f.DepthImbalance)], ["depth imbalance over levels", Dbl(f.DepthImbalanceOverLevels)],
            ["OFI", Warm(f, "ofi", Dec(f.Ofi))], ["OFI, last event", Dec(f.OfiLastEvent)], ["OFI over the clock window", Dec(f.OfiOverClock)],
            ["OFI by level", Warm(f, "multiLevelOfi", string.Join(", ", f.OfiByLevel.Select(v => Dec(v))))],
            ["VPIN", Warm(f, "vpin", Dbl(f.Vpin))], ["VPIN bucket volume", Dec(f.VpinBucketVolume)],
            ["Kyle's lambda", Warm(f, "kyleLambda", Dbl(f.KyleLambda))], ["realized variance", Warm(f, "realizedVariance", Dbl(f.RealizedVariance))],
            ["realized volatility", Warm(f, "realizedVariance", Dbl(f.RealizedVolatility))],
            ["last trade sign", f.LastTradeSign.ToString(CultureInfo.InvariantCulture)],
            ["effective spread", Dbl(f.EffectiveSpread)], ["effective spread, last trade", Dbl(f.LastEffectiveSpread)],
            ["realized spread", Warm(f, "postTradeSpreads", Dbl(f.RealizedSpread))], ["realized spread, last trade", Dbl(f.LastRealizedSpread)],
            ["price impact", Warm(f, "postTradeSpreads", Dbl(f.PriceImpact))], ["price impact, last trade", Dbl(f.LastPriceImpact)],
            ["trades per second", Warm(f, "tradeIntensity", Dbl(f.TradesPerSecond))], ["quote updates per second", Dbl(f.QuoteUpdatesPerSecond)],
            ["Hawkes trade intensity", Dbl(f.HawkesTradeIntensity)],
        ]);

    private static TableView BarsView(SymbolBars bars) => new(
        $"{bars.Symbol} {bars.TimeFrame} bars, version {bars.Version}",
        ["start", "open", "high", "low", "close", "volume", "vwap", "trades"],
        [.. bars.Bars.Select(b => (IReadOnlyList<string>)[b.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            Dec(b.Open), Dec(b.High), Dec(b.Low), Dec(b.Close), Dec(b.Volume), Dbl(b.Vwap), b.Trades.ToString(CultureInfo.InvariantCulture)])]);

    /// <summary>A windowed value, marked while its feature has not yet covered a full window.</summary>
    private static string Warm(SymbolFeatures f, string feature, string value) =>
        value.Length > 0 && f.WarmingUp.Contains(feature) ? value + " (warming up)" : value;

    private static string Dec(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Dbl(double? value) => value is double v && double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : string.Empty;
}
