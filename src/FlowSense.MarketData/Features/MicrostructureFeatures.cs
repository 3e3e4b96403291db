using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features.Imbalance;
using FlowSense.MarketData.Features.Intensity;
using FlowSense.MarketData.Features.KyleLambda;
using FlowSense.MarketData.Features.Microprice;
using FlowSense.MarketData.Features.Ofi;
using FlowSense.MarketData.Features.RollingWindows;
using FlowSense.MarketData.Features.Spreads;
using FlowSense.MarketData.Features.TradeSign;
using FlowSense.MarketData.Features.Volatility;
using FlowSense.MarketData.Features.Vpin;

namespace FlowSense.MarketData.Features;

/// <summary>
/// Every microstructure feature of one instrument, fed in event order; a symbol actor owns one. Feed either
/// <see cref="OnTopOfBook"/> (L1 feeds) or <see cref="OnLevels"/> (L2/L3 books: it drives the top-of-book
/// features from level 1 as well), never both for the same book state, plus <see cref="OnTrade"/>.
/// Allocation-free after construction; each call is O(levels) at most.
/// <para>Bad input is refused and counted: negative sizes (<see cref="RejectedBooks"/>), trades with a size not
/// above 0 (<see cref="RejectedTrades"/>). Crossed books are counted (<see cref="CrossedBooks"/>) and still
/// processed: OFI stays defined, but the microprice may then lie outside [bid, ask]. Times are exchange times;
/// components count times that go backwards and treat them as the latest seen.</para>
/// </summary>
public sealed class MicrostructureFeatures : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly MicrostructureFeaturesOptions _options;
    private readonly OrderFlowImbalance _ofi;
    private readonly MultiLevelOrderFlowImbalance _multiLevelOfi;
    private readonly LeeReadyClassifier _signs = new();
    private readonly PostTradeSpreads _postTrade;
    private RollingSum<double> _effectiveSpreads; // a struct changed in place: not readonly
    private readonly VpinCalculator _vpin;
    private readonly KyleLambdaEstimator _kyle;
    private readonly RealizedVariance _variance;
    private readonly EventIntensity _tradeIntensity;
    private readonly EventIntensity _quoteIntensity;
    private readonly HawkesIntensity? _hawkes;
    // Read per event, copied out of the options so that a state out of cache does not load them (or the VPIN state:
    // only bulk volume classification follows the clock).
    private readonly int _depthImbalanceLevels;
    private readonly bool _vpinFollowsClock;
    private TopOfBook _book;
    private long _timeNs;
    private double _depthImbalanceOverLevels = double.NaN;
    private int _lastTradeSign;
    private double _lastEffectiveSpread = double.NaN;

    public MicrostructureFeatures(MicrostructureFeaturesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DepthImbalanceLevels, 1);
        _options = options;
        _ofi = new OrderFlowImbalance(options.OfiEventWindow, options.OfiClockWindowNs, options.ClockWindowCapacity);
        _multiLevelOfi = new MultiLevelOrderFlowImbalance(options.Levels, options.OfiEventWindow);
        _postTrade = new PostTradeSpreads(options.PostTradeHorizonNs, options.PendingTradeCapacity, options.TradeAverageWindow);
        _effectiveSpreads = new RollingSum<double>(options.TradeAverageWindow);
        _vpin = new VpinCalculator(options.Vpin);
        _vpinFollowsClock = options.Vpin.Classification == VolumeClassification.Bulk;
        _depthImbalanceLevels = options.DepthImbalanceLevels;
        _kyle = new KyleLambdaEstimator(options.KyleLambdaTrades);
        _variance = new RealizedVariance(options.VolatilityIntervalNs, options.VolatilityIntervals);
        _tradeIntensity = new EventIntensity(options.IntensityWindowNs, options.ClockWindowCapacity);
        _quoteIntensity = new EventIntensity(options.IntensityWindowNs, options.ClockWindowCapacity);
        if (options.Hawkes is { } hawkes)
            _hawkes = new HawkesIntensity(hawkes);
    }

    /// <summary>The best bid and ask last accepted.</summary>
    public TopOfBook Book => _book;

    public OrderFlowImbalance Ofi => _ofi;

    public MultiLevelOrderFlowImbalance MultiLevelOfi => _multiLevelOfi;

    public LeeReadyClassifier TradeSigns => _signs;

    public PostTradeSpreads PostTradeSpreads => _postTrade;

    public VpinCalculator Vpin => _vpin;

    public KyleLambdaEstimator KyleLambda => _kyle;

    public RealizedVariance RealizedVariance => _variance;

    public EventIntensity TradeIntensity => _tradeIntensity;

    public EventIntensity QuoteIntensity => _quoteIntensity;

    public long RejectedBooks { get; private set; }

    public long RejectedTrades { get; private set; }

    public long CrossedBooks { get; private set; }

    /// <summary>Trades that arrived with no two-sided quote, so without mid-based measures.</summary>
    public long TradesWithoutQuote { get; private set; }

    /// <summary>A quote (L1) event, by its exchange time.</summary>
    public void OnQuote(in Quote quote) =>
        OnTopOfBook(quote.Header.ExchangeTimeNs, new TopOfBook(quote.BidPrice, quote.BidSize, quote.AskPrice, quote.AskSize));

    /// <summary>A new best bid/ask state.</summary>
    /// <returns>False if the state was refused (negative size).</returns>
    public bool OnTopOfBook(long timeNs, in TopOfBook book)
    {
        if (book.BidSize < 0 || book.AskSize < 0)
        {
            RejectedBooks++;
            return false;
        }
        if (book.IsCrossed)
            CrossedBooks++;

        _book = book;
        _timeNs = timeNs;
        _ofi.Update(timeNs, book);
        double mid = book.Mid;
        _postTrade.OnMid(timeNs, mid);
        if (book.IsTwoSided)
            _variance.OnPrice(timeNs, mid);
        else
            _variance.Advance(timeNs);
        _quoteIntensity.OnEvent(timeNs);
        _tradeIntensity.Advance(timeNs);
        if (_vpinFollowsClock)
            _vpin.Advance(timeNs);
        return true;
    }

    /// <summary>A new state of the top levels: top-of-book features from level 1, depth features from all.</summary>
    /// <returns>False if the state was refused (a negative size at some level).</returns>
    public bool OnLevels(long timeNs, in LevelView levels)
    {
        if (HasNegative(levels.BidSizes) || HasNegative(levels.AskSizes))
        {
            RejectedBooks++;
            return false;
        }
        OnTopOfBook(timeNs, levels.Best);
        _multiLevelOfi.Update(levels);
        _depthImbalanceOverLevels = DepthImbalance.OverLevels(levels, _depthImbalanceLevels);
        return true;
    }

    /// <summary>
    /// A later state whose top levels are those of the last <see cref="OnLevels"/> call, which accepted them: exactly
    /// what passing them again would do (the top-of-book features see the same best quotes at a new time, the depth
    /// features see no change), without reading the levels. For a book event deeper than the levels fed.
    /// </summary>
    public void OnLevelsUnchanged(long timeNs) => OnTopOfBook(timeNs, _book);

    /// <summary>A print, signed by its aggressor or by Lee–Ready against the current book, at its exchange time.</summary>
    /// <returns>False if the trade was refused (size not above 0).</returns>
    public bool OnTrade(in Trade trade)
    {
        if (trade.Size <= 0)
        {
            RejectedTrades++;
            return false;
        }
        long timeNs = trade.Header.ExchangeTimeNs;
        _timeNs = Math.Max(_timeNs, timeNs);
        int sign = _signs.Classify(trade.Price, trade.Aggressor, _book);
        double mid = _book.Mid;
        _lastTradeSign = sign;
        if (double.IsNaN(mid))
            TradesWithoutQuote++;
        // Undefined without a mid or a sign; a stale value from an earlier trade would mislead.
        _lastEffectiveSpread = sign == 0 ? double.NaN : EffectiveSpread.Of(trade.Price, sign, mid);
        if (!double.IsNaN(_lastEffectiveSpread))
            _effectiveSpreads.Add(_lastEffectiveSpread);

        _postTrade.OnTrade(timeNs, trade.Price, sign, mid);
        _vpin.OnTrade(timeNs, trade.Price, trade.Size, sign);
        _kyle.OnTrade(sign, trade.Size, mid);
        _tradeIntensity.OnEvent(timeNs);
        _hawkes?.OnEvent(timeNs);
        _ofi.Advance(timeNs);
        _variance.Advance(timeNs);
        return true;
    }

    /// <summary>Moves every clock window to <paramref name="nowNs"/> without an event (a timer tick).</summary>
    public void Advance(long nowNs)
    {
        _timeNs = Math.Max(_timeNs, nowNs);
        _ofi.Advance(nowNs);
        _postTrade.Advance(nowNs);
        _variance.Advance(nowNs);
        _tradeIntensity.Advance(nowNs);
        _quoteIntensity.Advance(nowNs);
        _vpin.Advance(nowNs);
    }

    /// <summary>The current values, computed on demand (updates do not pay for them).</summary>
    public FeatureSnapshot Snapshot() => new()
    {
        TimeNs = _timeNs,
        Ready = Readiness(),
        BidPrice = _book.BidPrice,
        AskPrice = _book.AskPrice,
        Mid = _book.Mid,
        QuotedSpread = _book.QuotedSpread,
        RelativeSpread = _book.RelativeSpread,
        Microprice = WeightedMidPrice.Of(_book),
        EstimatedMicroprice = _options.EstimatedMicroprice?.Of(_book) ?? double.NaN,
        DepthImbalanceAtBest = DepthImbalance.AtBest(_book),
        DepthImbalanceOverLevels = _depthImbalanceOverLevels,
        OfiLastEvent = _ofi.LastEvent,
        OfiOverEvents = _ofi.OverEvents,
        OfiOverClock = _ofi.OverClock,
        MultiLevelOfi = _multiLevelOfi.IsReady ? OfiByLevel.From(_multiLevelOfi.OverEvents) : default,
        LastTradeSign = _lastTradeSign,
        LastEffectiveSpread = _lastEffectiveSpread,
        MeanEffectiveSpread = _effectiveSpreads.Count == 0 ? double.NaN : _effectiveSpreads.Sum / _effectiveSpreads.Count,
        LastRealizedSpread = _postTrade.LastRealizedSpread,
        MeanRealizedSpread = _postTrade.MeanRealizedSpread,
        LastPriceImpact = _postTrade.LastPriceImpact,
        MeanPriceImpact = _postTrade.MeanPriceImpact,
        Vpin = _vpin.Value,
        KyleLambda = _kyle.Lambda,
        RealizedVariance = _variance.Variance,
        RealizedVolatility = _variance.Volatility,
        TradesPerSecond = _tradeIntensity.PerSecond,
        QuoteUpdatesPerSecond = _quoteIntensity.PerSecond,
        HawkesTradeIntensity = _hawkes?.At(_timeNs) ?? double.NaN,
    };

    /// <summary>
    /// Writes everything the features hold: the book and time last seen, the last trade's values, the counters, then
    /// every component in a fixed order. Options are configuration: restore into an instance built with the same.
    /// </summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.MicrostructureFeatures, CheckpointVersion);
        writer.WriteInt64(_options.DepthImbalanceLevels);
        writer.WriteBoolean(_hawkes is not null);
        CheckpointFields.Write(ref writer, _book);
        writer.WriteInt64(_timeNs);
        writer.WriteDouble(_depthImbalanceOverLevels);
        writer.WriteInt32(_lastTradeSign);
        writer.WriteDouble(_lastEffectiveSpread);
        writer.WriteInt64(RejectedBooks);
        writer.WriteInt64(RejectedTrades);
        writer.WriteInt64(CrossedBooks);
        writer.WriteInt64(TradesWithoutQuote);
        _ofi.WriteCheckpoint(ref writer);
        _multiLevelOfi.WriteCheckpoint(ref writer);
        _signs.WriteCheckpoint(ref writer);
        _postTrade.WriteCheckpoint(ref writer);
        _effectiveSpreads.WriteCheckpoint(ref writer);
        _vpin.WriteCheckpoint(ref writer);
        _kyle.WriteCheckpoint(ref writer);
        _variance.WriteCheckpoint(ref writer);
        _tradeIntensity.WriteCheckpoint(ref writer);
        _quoteIntensity.WriteCheckpoint(ref writer);
        _hawkes?.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.MicrostructureFeatures, CheckpointVersion);
        reader.ReadExpected(_options.DepthImbalanceLevels, "the depth-imbalance levels k");
        if (reader.ReadBoolean() != _hawkes is not null)
            throw reader.Corrupt("the Hawkes intensity is configured in one of the checkpoint and the instance restored into, not both");
        _book = CheckpointFields.ReadTopOfBook(ref reader);
        _timeNs = reader.ReadInt64();
        _depthImbalanceOverLevels = reader.ReadDouble();
        _lastTradeSign = reader.ReadInt32();
        _lastEffectiveSpread = reader.ReadDouble();
        RejectedBooks = reader.ReadInt64();
        RejectedTrades = reader.ReadInt64();
        CrossedBooks = reader.ReadInt64();
        TradesWithoutQuote = reader.ReadInt64();
        _ofi.RestoreCheckpoint(ref reader);
        _multiLevelOfi.RestoreCheckpoint(ref reader);
        _signs.RestoreCheckpoint(ref reader);
        _postTrade.RestoreCheckpoint(ref reader);
        _effectiveSpreads.RestoreCheckpoint(ref reader);
        _vpin.RestoreCheckpoint(ref reader);
        _kyle.RestoreCheckpoint(ref reader);
        _variance.RestoreCheckpoint(ref reader);
        _tradeIntensity.RestoreCheckpoint(ref reader);
        _quoteIntensity.RestoreCheckpoint(ref reader);
        _hawkes?.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }

    private FeatureReadiness Readiness()
    {
        var ready = FeatureReadiness.None;
        if (_ofi.IsReady && _ofi.IsEventWindowFull)
            ready |= FeatureReadiness.Ofi;
        if (_multiLevelOfi.IsEventWindowFull)
            ready |= FeatureReadiness.MultiLevelOfi;
        if (_postTrade.IsReady)
            ready |= FeatureReadiness.PostTradeSpreads;
        if (_vpin.IsReady)
            ready |= FeatureReadiness.Vpin;
        if (_kyle.IsReady)
            ready |= FeatureReadiness.KyleLambda;
        if (_variance.IsReady)
            ready |= FeatureReadiness.RealizedVariance;
        if (_tradeIntensity.IsReady)
            ready |= FeatureReadiness.TradeIntensity;
        return ready;
    }

    private static bool HasNegative(ReadOnlySpan<long> sizes)
    {
        foreach (long size in sizes)
        {
            if (size < 0)
                return true;
        }
        return false;
    }
}
