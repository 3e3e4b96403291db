using FlowSense.Cli.Replay;
using FlowSense.Cli.Replay.Capture;
using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Cli.Bars;

/// <summary>An exchange capture's trades (Binance trade/aggTrade, Coinbase matches, Kraken trades, Bitstamp live trades).</summary>
internal sealed class CaptureTradeSource(string path, string venueName) : TradeSource
{
    private readonly Feeds.Quarantine.Quarantine _quarantine = new();
    private CaptureVenue? _venue;
    private long _received, _unreadable;

    public override long Length => new FileInfo(path).Length;

    public override long Rejected => (_venue?.Codec.Stats.Rejected ?? 0) + _unreadable;

    public override void Run(TradeHandler onTrade, Action<long> progress)
    {
        var trades = new Trades(onTrade);
        _venue = CaptureVenue.Create(venueName, trades, _quarantine);
        trades.Venue = _venue;
        using var merge = new CaptureMerge([path], _quarantine);
        while (merge.TryRead(out CapturedLine line))
        {
            if (line.Kind == CaptureLineKind.Received)
            {
                _venue.Codec.Decode(line.Payload, line.ReceiveTimeNs, line.Line);
                if ((++_received & 0x3FF) == 0)
                    progress(merge.Position);
            }
        }
        _unreadable = merge.Unreadable;
    }

    public override IEnumerable<(string Name, string Value)> Report()
    {
        yield return ("messages received", Format.N(_received));
        yield return ("rejected messages", Format.N(Rejected));
    }

    private sealed class Trades(TradeHandler onTrade) : SelectiveSink
    {
        private readonly Dictionary<InstrumentId, Instrument> _instruments = [];

        public CaptureVenue? Venue { get; set; }

        public override void OnTrade(in Trade trade)
        {
            if (!_instruments.TryGetValue(trade.Header.Instrument, out Instrument? instrument))
            {
                DisplayScale stored = Venue!.Scales(trade.Header.Instrument).Stored;
                _instruments[trade.Header.Instrument] = instrument = new Instrument(trade.Header.Instrument, stored.PriceDecimals, TickSize: 1, stored.SizeDecimals);
            }
            onTrade(instrument, trade, TradeEligibility.Counted); // crypto venues carry no sale conditions
        }
    }
}
