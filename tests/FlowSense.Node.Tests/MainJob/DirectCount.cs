using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Lean;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Node.Replays;
using Quarantine = FlowSense.Feeds.Quarantine.Quarantine;

namespace FlowSense.Node.Tests.MainJob;

/// <summary>
/// The shipped files read straight through the market-data readers and codecs, with no replay source, stream, shard
/// or actor in between: the oracle the node's summary is compared with.
/// </summary>
internal sealed class DirectCount : IMarketEventSink
{
    public Dictionary<InstrumentId, long> ByInstrument { get; } = [];

    /// <summary>Trades decoded, per instrument.</summary>
    public Dictionary<InstrumentId, long> Trades { get; } = [];

    /// <summary>Quotes decoded, per instrument.</summary>
    public Dictionary<InstrumentId, long> Quotes { get; } = [];

    public long Events => ByInstrument.Values.Sum();

    /// <summary>Inputs the reader or codec refused.</summary>
    public long Rejected { get; private set; }

    public static DirectCount Lean(string tradeZip, string quoteZip, InstrumentId instrument)
    {
        var count = new DirectCount();
        var trades = new LeanReadReport();
        var quotes = new LeanReadReport();
        foreach (var tick in LeanDataReader.ReadTradeTicks(tradeZip, instrument, trades))
            count.OnTrade(tick.Trade);
        foreach (var tick in LeanDataReader.ReadQuoteTicks(quoteZip, instrument, quotes))
            count.OnQuote(tick.Quote);
        count.Rejected = trades.MalformedCount + quotes.MalformedCount;
        return count;
    }

    public static DirectCount Capture(string file, string venue)
    {
        var count = new DirectCount();
        var quarantine = new Quarantine();
        var codec = ReplayFactory.Codec(venue, count, quarantine);
        using var reader = CaptureReader.Open(file, quarantine);
        while (reader.TryRead(out var record))
        {
            if (record.Kind == CaptureLineKind.Received)
                codec.Decode(record.Payload, record.ReceiveTimeNs, record.LineNumber);
        }
        count.Rejected = reader.Stats.Unrecognized + reader.Stats.TooLong + codec.Stats.Rejected;
        return count;
    }

    public void OnTrade(in Trade trade)
    {
        Count(trade.Header);
        Trades[trade.Header.Instrument] = Trades.GetValueOrDefault(trade.Header.Instrument) + 1;
    }

    public void OnQuote(in Quote quote)
    {
        Count(quote.Header);
        Quotes[quote.Header.Instrument] = Quotes.GetValueOrDefault(quote.Header.Instrument) + 1;
    }

    public void OnBookDelta(in BookDelta delta) => Count(delta.Header);

    public void OnOrder(in OrderEvent order) => Count(order.Header);

    public void OnStatus(in StatusEvent status) => Count(status.Header);

    private void Count(in EventHeader header) =>
        ByInstrument[header.Instrument] = ByInstrument.GetValueOrDefault(header.Instrument) + 1;
}
