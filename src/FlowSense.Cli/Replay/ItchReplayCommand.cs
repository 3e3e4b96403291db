using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Itch;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Cli.Replay;

/// <summary>
/// <c>flowsense replay itch</c>: rebuilds one L3 book per stock from a NASDAQ TotalView-ITCH 5.0 file and writes the
/// stock's best bid and ask after every order event that reached its book.
/// </summary>
internal static partial class ItchReplayCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Length-prefixed ITCH 5.0 file (NASDAQ's binary format)." };
        var emit = new Option<FileInfo>("--emit-top", "-o") { Description = "Where to write stock,timestamp,bid_price,bid_size,ask_price,ask_size after every order event (CSV).", Required = true };
        var date = new Option<DateOnly?>("--date") { Description = "The session date (yyyy-MM-dd); default: the yyyyMMdd in the file name." };
        var command = new Command("itch", "Rebuild per-stock books from an ITCH 5.0 file and write each stock's best bid/ask after every order event.")
        {
            file, emit, date,
        };
        command.SetGuardedAction(console, parse =>
        {
            string path = CliFiles.Input(parse.GetValue(file), "FILE");
            DateOnly session = parse.GetValue(date) ?? SessionDate(path);
            return Run(console, path, session, CliFiles.Output(parse.GetValue(emit), "--emit-top"));
        });
        return command;
    }

    /// <summary>The yyyyMMdd date an ITCH file name carries (NASDAQ's <c>S071321-v50.txt</c> style aside, samples are named <c>ex20101224…</c>).</summary>
    internal static DateOnly SessionDate(string path)
    {
        foreach (Match match in EightDigits().Matches(Path.GetFileName(path)))
        {
            if (DateOnly.TryParseExact(match.Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
                return day;
        }
        throw new UserError($"The session date is not in the file name {Path.GetFileName(path)}.",
            "Pass it with --date yyyy-MM-dd (ITCH timestamps count from that day's midnight, US Eastern).", ExitCodes.Usage);
    }

    private static int Run(CliConsole console, string path, DateOnly session, string outPath)
    {
        var quarantine = new Feeds.Quarantine.Quarantine();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var output = new StreamWriter(outPath, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        output.Write("stock,timestamp,bid_price,bid_size,ask_price,ask_size\n");
        var books = new TopWriter(output);
        var tape = new ItchTape(books);
        books.Tape = tape;
        var translator = new ItchEventTranslator(tape, ItchEventTranslator.MidnightUtcNs(session));
        var reader = new ItchStreamReader("itch:" + Path.GetFileName(path), quarantine);
        bool complete = console.Progress("replaying " + Path.GetFileName(path), stream.Length, report =>
        {
            var handler = new ProgressHandler(translator, stream, report);
            return reader.ReadAll(stream, ref handler);
        });

        ItchReadStats stats = reader.Stats;
        long rejected = stats.Rejected + translator.UnknownLocate;
        var facts = new List<(string, string)>
        {
            ("messages", Format.N(stats.Messages)),
            ("stocks", string.Join(' ', translator.Instruments.Select(i => i.Symbol).Order(StringComparer.Ordinal))),
            ("order events applied", Format.N(books.Rows)),
            ("order events the books refused", Format.N(tape.Refused)),
            ("rows written", $"{Format.N(books.Rows)} to {outPath}"),
            ("rejected (unknown type, truncated, unknown stock locate)", Format.N(rejected)),
        };
        if (!complete)
            facts.Add(("stopped early", $"{Format.N(stats.UnframeableBytes)} bytes could not be framed"));
        console.Summary("ITCH replay", facts);
        return rejected > 0 || !complete ? ExitCodes.Rejects : ExitCodes.Ok;
    }

    [GeneratedRegex("[0-9]{8}")]
    private static partial Regex EightDigits();

    /// <summary>Forwards each message to the translator and reports how far the file has been read, every 4096 messages.</summary>
    private struct ProgressHandler(ItchEventTranslator translator, Stream stream, Action<long> report) : IItchMessageHandler
    {
        private long _count;

        public void OnMessage(in ItchMessage message)
        {
            translator.OnMessage(message);
            if ((++_count & 0xFFF) == 0)
                report(stream.Position);
        }
    }

    /// <summary>Writes a stock's top after every order event its book (held by the <see cref="ItchTape"/>) applied.</summary>
    private sealed class TopWriter(TextWriter output) : SelectiveSink
    {
        private long _refused;

        public ItchTape? Tape { get; set; }

        public long Rows { get; private set; }

        public override void OnOrder(in OrderEvent order)
        {
            if (Tape!.Refused != _refused)
            {
                _refused = Tape.Refused; // this one was refused: the book did not change
                return;
            }
            L3Book book = Tape.Book(order.Header.Instrument)!;
            Level bid = book.BestBid, ask = book.BestAsk;
            output.Write(string.Join(',',
                order.Header.Instrument.Symbol,
                Format.IsoNanoseconds(order.Header.ExchangeTimeNs),
                bid.IsEmpty ? "" : DecimalText.Format(bid.Price, ItchEventTranslator.PriceDecimals, ItchEventTranslator.PriceDecimals),
                bid.IsEmpty ? "" : bid.Size.ToString(CultureInfo.InvariantCulture),
                ask.IsEmpty ? "" : DecimalText.Format(ask.Price, ItchEventTranslator.PriceDecimals, ItchEventTranslator.PriceDecimals),
                ask.IsEmpty ? "" : ask.Size.ToString(CultureInfo.InvariantCulture)));
            output.Write('\n');
            Rows++;
        }
    }
}
