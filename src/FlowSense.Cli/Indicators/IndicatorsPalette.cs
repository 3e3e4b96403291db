using System.CommandLine;
using System.Globalization;
using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Bars;
using FlowSense.Feeds.Lobster;

namespace FlowSense.Cli.Indicators;

/// <summary><c>flowsense indicators</c>: the market-data core's indicator set over any OHLCV CSV, one column per indicator.</summary>
internal static class IndicatorsPalette
{
    public static Command Create(CliConsole console)
    {
        var input = new Option<FileInfo>("--input", "-i") { Description = "OHLCV CSV with a header: LEAN's spy_*.txt/csv files, the output of flowsense bars, or any Date,Open,High,Low,Close,Volume file (close-only files work too).", Required = true };
        var emit = new Option<FileInfo>("--emit", "-o") { Description = "Where to write time[,symbol],close, then one column per indicator (empty until it is ready).", Required = true };
        var command = new Command("indicators",
            "Compute SMA14, EMA14, RSI14 (Wilder and simple), MACD(12,26,9), Bollinger(20,2), ATR14 (Wilder and simple), StochRSI(14,14,3,3), " +
            "VWAP50, OBV, variance and stddev(10), log return(14) and true range for every bar of a CSV; several symbols are kept apart.")
        {
            input, emit,
        };
        command.SetGuardedAction(console, parse => Run(console, CliFiles.Input(parse.GetValue(input), "--input"), CliFiles.Output(parse.GetValue(emit), "--emit")));
        return command;
    }

    private static int Run(CliConsole console, string inputPath, string outPath)
    {
        if (!OhlcvCsvReader.TryOpen(inputPath, out OhlcvCsvReader? opened, out string? problem))
            throw new UserError($"{Path.GetFileName(inputPath)}: {problem}.", "Give a CSV whose first row names its columns, with at least a time column first and Close.");
        using OhlcvCsvReader csv = opened!;
        var sets = new Dictionary<string, IndicatorSet>(StringComparer.Ordinal);
        using var output = new StreamWriter(outPath, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        bool headerWritten = false, withSymbol = false;
        long rows = 0;
        long total = new FileInfo(inputPath).Length;
        console.Progress("indicators over " + Path.GetFileName(inputPath), total, _ =>
        {
            while (csv.TryRead(out OhlcvRow row))
            {
                if (!headerWritten)
                {
                    withSymbol = row.Symbol is not null;
                    output.Write(string.Join(',', new[] { "time" }.Concat(withSymbol ? ["symbol"] : []).Append("close").Concat(new IndicatorSet(csv.HasVolume).Names)));
                    output.Write('\n');
                    headerWritten = true;
                }
                string key = row.Symbol ?? string.Empty;
                if (!sets.TryGetValue(key, out IndicatorSet? set))
                    sets[key] = set = new IndicatorSet(csv.HasVolume);
                set.Update(row.Bar);
                IEnumerable<string> cells = new[] { BarCsvWriter.IsoTime(row.Bar.TimeNs) }
                    .Concat(withSymbol ? [key] : [])
                    .Append(Number(row.Bar.Close))
                    .Concat(set.Values.Select(v => v is double d ? Number(d) : string.Empty));
                output.Write(string.Join(',', cells));
                output.Write('\n');
                rows++;
            }
            return 0;
        });

        var facts = new List<(string, string)>
        {
            ("bars", Format.N(rows)),
            ("symbols", withSymbol ? string.Join(' ', sets.Keys.Order(StringComparer.Ordinal)) : "one (the file has no symbol column)"),
            ("columns", csv.HasOhlc ? (csv.HasVolume ? "OHLCV" : "OHLC, no volume: vwap50 and obv left empty") : "close only: bar indicators see open = high = low = close" + (csv.HasVolume ? string.Empty : ", no volume")),
            ("malformed rows", Format.N(csv.Malformed.Count)),
            ("written to", outPath),
        };
        console.Summary("indicators", facts);
        foreach (MalformedRow bad in csv.Malformed.First.Take(5))
            console.Warn($"{Path.GetFileName(inputPath)} line {bad.LineNumber}: {bad.Reason}");
        if (rows == 0)
            throw new UserError($"{Path.GetFileName(inputPath)} has no readable bars.", "Check the file: every row was malformed or it is empty.");
        return csv.Malformed.Count > 0 ? ExitCodes.Rejects : ExitCodes.Ok;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
