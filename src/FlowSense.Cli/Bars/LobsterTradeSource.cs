using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Lobster;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Cli.Bars;

/// <summary>A LOBSTER message file's executions (types 4, 5 and 6), as <see cref="LobsterSession"/> maps them to trades.</summary>
internal sealed class LobsterTradeSource(string path, string? symbol) : TradeSource
{
    private long _rows, _malformed;

    public override long Length => new FileInfo(path).Length;

    public override long Rejected => _malformed;

    public override void Run(TradeHandler onTrade, Action<long> progress)
    {
        LobsterSession session = LobsterFileName.TryParse(path, out LobsterFileName name)
            ? new LobsterSession(new InstrumentId("NASDAQ", symbol ?? name.Ticker), name.Day)
            : throw new UserError($"{Path.GetFileName(path)} is not named as LOBSTER names message files.",
                "LOBSTER files are TICKER_yyyy-MM-dd_Start_End_message_LEVEL.csv; the day and ticker come from the name.", ExitCodes.Usage);
        Instrument instrument = session.InstrumentFacts;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new LobsterMessageReader(stream, leaveOpen: true);
        while (reader.TryRead(out LobsterMessage message))
        {
            LobsterEvents events = session.Map(message);
            if (events.HasTrade)
                onTrade(instrument, events.Trade, TradeEligibility.Counted); // LOBSTER carries no sale conditions
            if ((++_rows & 0xFFF) == 0)
                progress(stream.Position);
        }
        _malformed = reader.Malformed.Count;
    }

    public override IEnumerable<(string Name, string Value)> Report()
    {
        yield return ("messages", Format.N(_rows));
        yield return ("malformed rows", Format.N(_malformed));
    }
}
