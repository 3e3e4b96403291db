using FlowSense.Cli.Replay;
using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Itch;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Cli.Bars;

/// <summary>An ITCH 5.0 file's tape: executions against displayed orders (via <see cref="ItchTape"/>), hidden-order trades and crosses.</summary>
internal sealed class ItchTradeSource(string path, DateOnly session, SaleConditionFilter filter) : TradeSource
{
    private readonly ItchStreamReader _reader = new("itch:" + Path.GetFileName(path), new Feeds.Quarantine.Quarantine());
    private ItchEventTranslator? _translator;
    private ItchTape? _tape;
    private bool _complete = true;

    public override long Length => new FileInfo(path).Length;

    public override long Rejected => _reader.Stats.Rejected + (_translator?.UnknownLocate ?? 0);

    public override void Run(TradeHandler onTrade, Action<long> progress)
    {
        _tape = new ItchTape(new Trades(onTrade, filter));
        _translator = new ItchEventTranslator(_tape, ItchEventTranslator.MidnightUtcNs(session));
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        _complete = _reader.ReadAll(stream, ref _translator);
        progress(stream.Length);
    }

    public override IEnumerable<(string Name, string Value)> Report()
    {
        yield return ("messages", Format.N(_reader.Stats.Messages));
        yield return ("executions of orders from before the file", Format.N(_tape?.UnmatchedExecutions ?? 0));
        if (!_complete)
            yield return ("stopped early", $"{Format.N(_reader.Stats.UnframeableBytes)} bytes could not be framed");
    }

    private sealed class Trades(TradeHandler onTrade, SaleConditionFilter filter) : SelectiveSink
    {
        private readonly Dictionary<InstrumentId, Instrument> _instruments = [];

        public override void OnTrade(in Trade trade)
        {
            if (!_instruments.TryGetValue(trade.Header.Instrument, out Instrument? instrument))
                _instruments[trade.Header.Instrument] = instrument = new Instrument(trade.Header.Instrument, ItchEventTranslator.PriceDecimals, TickSize: 100, SizeDecimals: 0);
            onTrade(instrument, trade, filter.Classify(trade.Conditions));
        }
    }
}
