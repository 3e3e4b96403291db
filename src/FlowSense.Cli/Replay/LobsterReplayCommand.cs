using System.CommandLine;
using System.Globalization;
using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Lobster;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Cli.Replay;

/// <summary>
/// <c>flowsense replay lobster</c>: rebuilds the L3 book from a LOBSTER message file and writes the book after every
/// message in LOBSTER's orderbook format. With <c>--orderbook</c> it is LOBSTER's own oracle: every step is seeded from
/// the reference row before it, and the determined levels of the next row (<see cref="DeterminedLevels"/>) are compared.
/// </summary>
internal static class LobsterReplayCommand
{
    public static Command Create(CliConsole console)
    {
        var message = new Option<FileInfo>("--message", "-m") { Description = "LOBSTER message file (TICKER_Date_Start_End_message_LEVEL.csv).", Required = true };
        var levels = new Option<int?>("--levels", "-k") { Description = "Levels per side to write; default: the file name's LEVEL, else the reference's, else 10." };
        var emit = new Option<FileInfo>("--emit-book", "-o") { Description = "Where to write the rebuilt book, one row per message, in LOBSTER's orderbook format.", Required = true };
        var reference = new Option<FileInfo?>("--orderbook") { Description = "LOBSTER's orderbook file for the same messages: seed each step from its previous row and report the match rate." };
        var command = new Command("lobster", "Rebuild the book from a LOBSTER message file and write it after every message (LOBSTER orderbook format).")
        {
            message, levels, emit, reference,
        };
        command.SetGuardedAction(console, parse => Run(console,
            CliFiles.Input(parse.GetValue(message), "--message"),
            parse.GetValue(levels),
            CliFiles.Output(parse.GetValue(emit), "--emit-book"),
            parse.GetValue(reference) is { } r ? CliFiles.Input(r, "--orderbook") : null));
        return command;
    }

    private static int Run(CliConsole console, string messagePath, int? levelsOption, string outPath, string? referencePath)
    {
        bool named = LobsterFileName.TryParse(messagePath, out LobsterFileName name);
        var session = named
            ? new LobsterSession(new InstrumentId("NASDAQ", name.Ticker), name.Day)
            : new LobsterSession(new InstrumentId("LOBSTER", Path.GetFileNameWithoutExtension(messagePath)), DateOnly.FromDateTime(DateTime.UnixEpoch));

        using LobsterBookReader? reference = referencePath is null ? null : LobsterBookReader.Open(referencePath);
        int levels = levelsOption ?? (named ? name.Levels : 0);
        if (levels == 0 && reference is not null && reference.TryRead())
            levels = reference.Levels; // the first row is only used for its width; the run reopens nothing, see below
        if (levels == 0)
            levels = 10;
        if (levels is < 1 or > 1000)
            throw new UserError($"--levels {levels} is out of range.", "Pass a number of levels per side between 1 and 1000.", ExitCodes.Usage);

        using var stream = new FileStream(messagePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var messages = new LobsterMessageReader(stream, leaveOpen: true);
        using var writer = LobsterBookWriter.Create(outPath, levels);
        var run = new LobsterRun(session, levels, reference);
        console.Progress("replaying " + Path.GetFileName(messagePath), stream.Length, report =>
        {
            while (messages.TryRead(out LobsterMessage m))
            {
                run.Step(m);
                writer.Write(run.Book);
                if ((writer.Rows & 0xFFF) == 0)
                    report(stream.Position);
            }
            return 0;
        });

        if (reference is not null && reference.Levels != 0 && reference.Levels != levels)
            console.Warn($"the reference has {reference.Levels} levels per side and the output {levels}; only the first {Math.Min(levels, reference.Levels)} are compared.");
        var facts = new List<(string, string)>
        {
            ("messages", messages.Malformed.Count == 0 ? N(writer.Rows) : $"{N(writer.Rows)} ({N(messages.Malformed.Count)} malformed rows skipped)"),
            ("book rows written", $"{N(writer.Rows)} x {levels} levels to {outPath}"),
            ("events the book refused", N(run.Refused) + (reference is null ? " (orders from before the file are unknown to a book that starts empty)" : string.Empty)),
        };
        if (reference is not null)
        {
            facts.Add(("transitions compared", N(run.Transitions)));
            facts.Add(("levels determined", N(run.Tally.Determined)));
            facts.Add(("levels matched", $"{N(run.Tally.Matched)} ({Rate(run.Tally):P2})"));
            if (reference.Malformed.Count > 0)
                facts.Add(("reference rows malformed", N(reference.Malformed.Count)));
            if (run.FirstMismatch is not null)
                facts.Add(("first mismatch", run.FirstMismatch));
        }
        console.Summary("LOBSTER replay", facts);
        foreach (MalformedRow row in messages.Malformed.First.Take(5))
            console.Warn($"{Path.GetFileName(messagePath)} line {row.LineNumber}: {row.Reason}");

        if (run.Tally.Matched < run.Tally.Determined)
            return ExitCodes.VerificationFailed;
        return messages.Malformed.Count > 0 || (reference?.Malformed.Count ?? 0) > 0 ? ExitCodes.Rejects : ExitCodes.Ok;
    }

    private static double Rate(LevelTally tally) => tally.Determined == 0 ? 1 : (double)tally.Matched / tally.Determined;

    private static string N(long value) => Format.N(value);

    /// <summary>
    /// The book through one file, and the comparison with the reference: rows and messages are paired by line number
    /// (row L is the book after message L), so a malformed row in either file costs one comparison, not the alignment.
    /// </summary>
    private sealed class LobsterRun(LobsterSession session, int levels, LobsterBookReader? reference)
    {
        private Level[] _previousBids = [];
        private Level[] _previousAsks = [];
        private int _previousBidCount, _previousAskCount;
        private long _previousLine = -1;
        private bool _referenceConsumedFirstRow = reference is { LineNumber: > 0 };

        public L3Book Book { get; } = new(session.Instrument);

        public long Refused { get; private set; }

        public long Transitions { get; private set; }

        public LevelTally Tally { get; private set; }

        public string? FirstMismatch { get; private set; }

        public void Step(in LobsterMessage message)
        {
            bool seeded = reference is not null && _previousLine == message.LineNumber - 1;
            if (seeded)
                Book.LoadSnapshot(_previousBids.AsSpan(0, _previousBidCount), _previousAsks.AsSpan(0, _previousAskCount), sequence: _previousLine);
            if (!session.ApplyTo(Book, message).IsApplied())
                Refused++;
            if (reference is null || !AdvanceTo(message.LineNumber))
                return;
            if (seeded)
                Compare(message.LineNumber);
            Remember();
        }

        private bool AdvanceTo(long line)
        {
            while (_referenceConsumedFirstRow || reference!.TryRead())
            {
                _referenceConsumedFirstRow = false;
                if (reference!.LineNumber == line)
                    return true;
                if (reference.LineNumber > line)
                {
                    _referenceConsumedFirstRow = true; // keep it for the message of its line
                    return false;
                }
            }
            return false;
        }

        private void Compare(long line)
        {
            int compared = Math.Min(levels, reference!.Levels);
            long? bidBoundary = DeterminedLevels.BoundaryOf(_previousBids.AsSpan(0, _previousBidCount), reference.Levels);
            long? askBoundary = DeterminedLevels.BoundaryOf(_previousAsks.AsSpan(0, _previousAskCount), reference.Levels);
            LevelTally bids = DeterminedLevels.Tally(Side.Bid, reference.Bids, Book, bidBoundary, compared);
            LevelTally asks = DeterminedLevels.Tally(Side.Ask, reference.Asks, Book, askBoundary, compared);
            Tally += bids + asks;
            Transitions++;
            if (FirstMismatch is null && (bids.Matched < bids.Determined || asks.Matched < asks.Determined))
                FirstMismatch = $"line {line}: the rebuilt book differs from the reference on a determined level";
        }

        private void Remember()
        {
            if (_previousBids.Length != reference!.Levels)
            {
                _previousBids = new Level[reference.Levels];
                _previousAsks = new Level[reference.Levels];
            }
            _previousBidCount = Copy(reference!.Bids, _previousBids);
            _previousAskCount = Copy(reference.Asks, _previousAsks);
            _previousLine = reference.LineNumber;
        }

        private static int Copy(ReadOnlySpan<Level> from, Level[] to)
        {
            from.CopyTo(to);
            return from.Length;
        }
    }
}
