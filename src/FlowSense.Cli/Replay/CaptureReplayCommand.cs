using System.CommandLine;
using FlowSense.Cli.Replay.Capture;
using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Capture;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Cli.Replay;

/// <summary>
/// <c>flowsense replay capture</c>: feeds recorded exchange traffic (websocket messages and the REST snapshots recorded
/// with them, merged by receive time) through the venue's codec and writes the best bid and ask after every book event.
/// </summary>
internal static class CaptureReplayCommand
{
    public static Command Create(CliConsole console)
    {
        var venue = new Option<string>("--venue") { Description = "The venue that was recorded.", Required = true };
        venue.AcceptOnlyFromAmong([.. CaptureVenue.UpdateIds.Keys]);
        var files = new Argument<FileInfo[]>("FILE") { Description = "Capture files of one session (websocket and REST recordings, plain or gzip).", Arity = ArgumentArity.OneOrMore };
        var emit = new Option<FileInfo>("--emit-top", "-o") { Description = "Where to write the top of book after every book event (CSV).", Required = true };
        var symbol = new Option<string?>("--symbol", "-s") { Description = "Only this symbol, as the venue names it (BTCUSDT, BTC-USD, XBT/USD, btcusd); the CSV then has no symbol column." };
        string updateIds = string.Join("; ", CaptureVenue.UpdateIds.Select(p => $"{p.Key}: {p.Value}"));
        var command = new Command("capture",
            "Replay a recorded exchange session and write the best bid/ask after every applied book event as " +
            "update_id,bid_price,bid_size,ask_price,ask_size (a leading symbol column unless --symbol is given), values as the venue prints them. " +
            "Reports gaps, resyncs and Kraken's CRC32 checksum results. update_id is " + updateIds + ".")
        {
            venue, files, emit, symbol,
        };
        command.SetGuardedAction(console, parse => Run(console,
            parse.GetValue(venue)!,
            [.. parse.GetValue(files)!.Select(f => CliFiles.Input(f, "FILE"))],
            CliFiles.Output(parse.GetValue(emit), "--emit-top"),
            parse.GetValue(symbol)));
        return command;
    }

    private static int Run(CliConsole console, string venueName, string[] paths, string outPath, string? symbol)
    {
        var quarantine = new Feeds.Quarantine.Quarantine();
        var tracker = new TopOfBookTracker();
        CaptureVenue venue = CaptureVenue.Create(venueName, tracker, quarantine);
        using var merge = new CaptureMerge(paths, quarantine);
        using var csv = new TopOfBookCsv(outPath, withSymbol: symbol is null);
        long line = 0, restIgnored = 0, received = 0;
        tracker.BookEvent += (book, header) =>
        {
            if (symbol is not null && !string.Equals(book.Instrument.Symbol, symbol, StringComparison.Ordinal))
                return;
            var (stored, printed) = venue.Scales(book.Instrument);
            csv.Write(book.Instrument.Symbol, venue.UpdateId(header, line), book.BestBid, book.BestAsk, stored, printed);
        };

        console.Progress("replaying " + string.Join(", ", paths.Select(Path.GetFileName)), merge.Length, report =>
        {
            while (merge.TryRead(out CapturedLine captured))
            {
                line = captured.Line;
                if (captured.Kind == CaptureLineKind.Received)
                {
                    venue.Codec.Decode(captured.Payload, captured.ReceiveTimeNs, captured.Line);
                    received++;
                }
                else if (captured.Kind == CaptureLineKind.RestResponse && !venue.ApplyRest(captured.Url, captured.Payload, captured.ReceiveTimeNs, captured.Line))
                {
                    restIgnored++; // exchange info, trading-pair lists: not book data
                }
                if ((received & 0x3FF) == 0)
                    report(merge.Position);
            }
            return 0;
        });

        if (symbol is not null && !tracker.Books.Any(b => b.Instrument.Symbol == symbol))
        {
            string known = string.Join(", ", tracker.Books.Select(b => b.Instrument.Symbol).Order(StringComparer.Ordinal));
            throw new UserError($"No book events for {symbol} in the recording.",
                known.Length > 0 ? $"Symbols with books here: {known}." : "The recording holds no book data for this venue; check --venue and the files.");
        }
        long crossed = tracker.Books.Sum(b => b.IsCrossed ? 1 : 0);
        long rejected = venue.Codec.Stats.Rejected + merge.Unreadable;
        var facts = new List<(string, string)>
        {
            ("messages received", Format.N(received)),
            ("rows written", $"{Format.N(csv.Rows)} to {outPath}"),
        };
        facts.AddRange(venue.Report());
        facts.Add(("books crossed at the end", Format.N(crossed)));
        facts.Add(("rejected (malformed or unreadable)", Format.N(rejected)));
        if (restIgnored > 0)
            facts.Add(("REST responses that are not book snapshots", Format.N(restIgnored)));
        console.Summary($"{venueName} capture replay", facts);
        foreach (var (category, count) in quarantine.CountsByCategory())
            console.Warn($"{count} input(s) quarantined as {category}");

        if (venue.VerificationFailed)
            return ExitCodes.VerificationFailed;
        return rejected > 0 ? ExitCodes.Rejects : ExitCodes.Ok;
    }
}
