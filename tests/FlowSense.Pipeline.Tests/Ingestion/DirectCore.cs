using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.OrderBook;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Tests.Ingestion;

/// <summary>
/// The market-data core driven by hand, with no actor, shard or pipeline type: the reference the pipeline must equal.
/// It follows the feeding rule documented on <see cref="SymbolState"/>: trades to features and bars; quotes to an L1
/// book and the features; L2 deltas to the book and, at the end of each venue message, the top levels to the features;
/// L3 events to the book and then the top levels; every applied event that is not a trade advances the bars' clock.
/// </summary>
internal sealed class DirectCore : IBarSink
{
    private readonly L1Book? _l1;
    private readonly L2Book? _l2;
    private readonly L3Book? _l3;
    private readonly MultiTimeframeBarAggregator _bars;
    private readonly int _depth;

    public DirectCore(SymbolSettings settings)
    {
        var id = settings.Instrument.Id;
        if (settings.BookType == BookType.L1)
            _l1 = new L1Book(id, settings.BookOptions.CrossedPolicy);
        else if (settings.BookType == BookType.L2)
            _l2 = new L2Book(id, settings.BookOptions);
        else
            _l3 = new L3Book(id, settings.BookOptions);
        Features = new MicrostructureFeatures(settings.Features);
        _bars = new MultiTimeframeBarAggregator(settings.BarTimeFrames, this, settings.SaleConditions);
        _depth = settings.Features.Levels;
    }

    public IBookView Book => (IBookView?)_l1 ?? (IBookView?)_l2 ?? _l3!;

    public MicrostructureFeatures Features { get; }

    public Dictionary<TimeFrame, List<Bar>> Bars { get; } = [];

    public void Feed(in MarketEvent e)
    {
        switch (e.Kind)
        {
            case MarketEventKind.Trade:
                var trade = e.AsTrade();
                if (Features.OnTrade(trade))
                {
                    _l1?.Apply(trade);
                    _bars.OnTrade(trade);
                }
                break;
            case MarketEventKind.Quote when _l1 is not null:
                var quote = e.AsQuote();
                if (_l1.Apply(quote).IsApplied()
                    && Features.OnTopOfBook(quote.Header.ExchangeTimeNs, new TopOfBook(quote.BidPrice, quote.BidSize, quote.AskPrice, quote.AskSize)))
                    _bars.AdvanceTo(quote.Header.ExchangeTimeNs);
                break;
            case MarketEventKind.BookDelta when _l2 is not null:
                var delta = e.AsBookDelta();
                if (_l2.Apply(delta).IsApplied() && ((delta.Flags & DeltaFlags.LastInBatch) == 0 || FeedLevels(delta.Header.ExchangeTimeNs)))
                    _bars.AdvanceTo(delta.Header.ExchangeTimeNs);
                break;
            case MarketEventKind.Status:
                _bars.AdvanceTo(e.Header.ExchangeTimeNs);
                break;
            case MarketEventKind.Order when _l3 is not null:
                var order = e.AsOrder();
                if (_l3.Apply(order).IsApplied() && FeedLevels(order.Header.ExchangeTimeNs))
                    _bars.AdvanceTo(order.Header.ExchangeTimeNs);
                break;
        }
    }

    public void OnBar(TimeFrame timeFrame, in Bar bar)
    {
        if (!Bars.TryGetValue(timeFrame, out var list))
            Bars[timeFrame] = list = [];
        list.Add(bar);
    }

    private bool FeedLevels(long timeNs)
    {
        var bidPrices = new long[_depth];
        var bidSizes = new long[_depth];
        var askPrices = new long[_depth];
        var askSizes = new long[_depth];
        int bids = Book.TopLevels(Side.Bid, bidPrices, bidSizes);
        int asks = Book.TopLevels(Side.Ask, askPrices, askSizes);
        return Features.OnLevels(timeNs, new LevelView(bidPrices.AsSpan(0, bids), bidSizes.AsSpan(0, bids), askPrices.AsSpan(0, asks), askSizes.AsSpan(0, asks)));
    }
}
