using System.CommandLine;
using FlowSense.Cli.Replay;
using FlowSense.Cli.Replay.Capture;
using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Bars;
using FlowSense.Feeds.Lobster;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Cli.Bars;

/// <summary>
/// <c>flowsense bars</c>: builds clock-aligned time bars from any recorded trade tape with the market-data core's
/// <see cref="TimeBarBuilder"/>, trades classified by sale condition where the feed has conditions.
/// </summary>
internal static class BarsPalette
{
    private static readonly string[] Formats = ["lean", "itch", "lobster", "capture"];

    public static Command Create(CliConsole console)
    {
        var input = new Option<FileInfo>("--input", "-i") { Description = "Trade tape: a LEAN tick trade zip/csv, an ITCH 5.0 file, a LOBSTER message file or an exchange capture (with --venue).", Required = true };
        var timeframe = new Option<string>("--timeframe", "-t") { Description = "Bar length: 1s, 5s, 1m, 5m, 15m, 1h, 4h, 1d, or any count of s/m/h/d.", DefaultValueFactory = _ => "1m" };
        var emit = new Option<FileInfo>("--emit", "-o") { Description = "Where to write time,symbol,open,high,low,close,volume,vwap,trades (CSV; time is the bar's start, UTC).", Required = true };
        var format = new Option<string?>("--format") { Description = "Input format; default: told from the file (LOBSTER name, ITCH in the name, .zip/.csv LEAN, --venue a capture)." };
        format.AcceptOnlyFromAmong(Formats);
        var venue = new Option<string?>("--venue") { Description = "For a capture: the venue that was recorded." };
        venue.AcceptOnlyFromAmong([.. CaptureVenue.UpdateIds.Keys]);
        var conditions = new Option<string>("--sale-conditions") { Description = "US equity sale-condition rule (LEAN ticks): us-equity (drop official open/close re-publications), lean (LEAN's trade-bar price rule), none.", DefaultValueFactory = _ => "us-equity" };
        conditions.AcceptOnlyFromAmong("us-equity", "lean", "none");
        var symbol = new Option<string?>("--symbol") { Description = "Symbol to stamp LEAN or LOBSTER bars with; default: from the file name." };
        var date = new Option<DateOnly?>("--date") { Description = "ITCH session date (yyyy-MM-dd); default: the yyyyMMdd in the file name." };
        var command = new Command("bars", "Build time bars (OHLCV, VWAP, trade count) from recorded trades.")
        {
            input, timeframe, emit, format, venue, conditions, symbol, date,
        };
        command.SetGuardedAction(console, parse =>
        {
            string path = CliFiles.Input(parse.GetValue(input), "--input");
            string text = parse.GetValue(timeframe)!;
            if (!TimeFrame.TryParse(text, out TimeFrame frame))
                throw new UserError($"'{text}' is not a time frame.", "Use a count and a unit: 1s, 5s, 1m, 5m, 15m, 1h, 4h, 1d.", ExitCodes.Usage);
            SaleConditionFilter filter = parse.GetValue(conditions) switch
            {
                "lean" => SaleConditionFilter.LeanTradeBars,
                "none" => SaleConditionFilter.None,
                _ => SaleConditionFilter.UsEquity,
            };
            string? venueName = parse.GetValue(venue);
            TradeSource source = (parse.GetValue(format) ?? Detect(path, venueName)) switch
            {
                "itch" => new ItchTradeSource(path, parse.GetValue(date) ?? ItchReplayCommand.SessionDate(path), filter),
                "lobster" => new LobsterTradeSource(path, parse.GetValue(symbol)),
                "capture" => new CaptureTradeSource(path, venueName ?? throw new UserError("A capture needs its venue.", "Pass --venue binance|coinbase|kraken|bitstamp.", ExitCodes.Usage)),
                _ => new LeanTradeSource(path, parse.GetValue(symbol), filter),
            };
            return Run(console, source, frame, CliFiles.Output(parse.GetValue(emit), "--emit"), path);
        });
        return command;
    }

    private static string Detect(string path, string? venue)
    {
        string name = Path.GetFileName(path);
        if (venue is not null)
            return "capture";
        if (LobsterFileName.TryParse(path, out _))
            return "lobster";
        if (name.Contains("ITCH", StringComparison.OrdinalIgnoreCase))
            return "itch";
        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return "lean";
        throw new UserError($"Cannot tell the format of {name}.", "Pass --format lean|itch|lobster|capture (and --venue for a capture).", ExitCodes.Usage);
    }

    private static int Run(CliConsole console, TradeSource source, TimeFrame frame, string outPath, string inputPath)
    {
        var builders = new Dictionary<InstrumentId, (Instrument Instrument, TimeBarBuilder Builder)>();
        long trades = 0, lastTimeNs = long.MinValue;
        using var writer = BarCsvWriter.Create(outPath);
        console.Progress("building bars from " + Path.GetFileName(inputPath), source.Length, progress =>
        {
            source.Run((Instrument instrument, in Trade trade, TradeEligibility eligibility) =>
            {
                if (!builders.TryGetValue(instrument.Id, out var entry))
                    builders[instrument.Id] = entry = (instrument, new TimeBarBuilder(frame));
                if (entry.Builder.Add(trade, eligibility, out Bar closed))
                    writer.Write(entry.Instrument, closed);
                trades++;
                lastTimeNs = Math.Max(lastTimeNs, trade.Header.ExchangeTimeNs);
            }, progress);
            return 0;
        });
        foreach (var (instrument, builder) in builders.Values)
        {
            if (builder.AdvanceTo(lastTimeNs + frame.PeriodNs, out Bar last))
                writer.Write(instrument, last); // the tape has ended: the last open bar is complete
        }

        var facts = new List<(string, string)>(source.Report())
        {
            ("trades", Format.N(trades)),
            ("excluded by sale condition", Format.N(builders.Values.Sum(b => b.Builder.ExcludedTrades))),
            ("late (before their bar's start)", Format.N(builders.Values.Sum(b => b.Builder.LateTrades))),
            ("bars written", $"{Format.N(writer.Rows)} {frame} bars of {builders.Count} symbol(s) to {outPath}"),
        };
        console.Summary("bars", facts);
        if (trades == 0)
            throw new UserError($"{Path.GetFileName(inputPath)} holds no trades.", "Check --format (and --venue): quote-only files build no bars.");
        return source.Rejected > 0 ? ExitCodes.Rejects : ExitCodes.Ok;
    }
}
