namespace FlowSense.MarketData.Checkpoints;

/// <summary>
/// The type tag at the head of every checkpoint section: it says which state type wrote the section, so a reader
/// that expects another type (a corrupt file, a mis-wired restore) fails at once and names both.
/// </summary>
/// <remarks>
/// Values are stored in files: never renumber or reuse one. This assembly uses 1–0x0FFF; other assemblies that
/// frame their own sections (a symbol actor's state, say) take values from 0x1000 up.
/// </remarks>
public enum CheckpointSection : ushort
{
    /// <summary>No section (the envelope, outside every section).</summary>
    None = 0,

    // Books.
    /// <summary><see cref="OrderBook.L1Book"/>.</summary>
    L1Book = 0x0001,
    /// <summary><see cref="OrderBook.L2Book"/>.</summary>
    L2Book = 0x0002,
    /// <summary><see cref="OrderBook.L3Book"/>.</summary>
    L3Book = 0x0003,
    /// <summary><see cref="OrderBook.BookErrorCounts"/>.</summary>
    BookErrorCounts = 0x0004,
    /// <summary><see cref="OrderBook.SequenceTracker"/>.</summary>
    SequenceTracker = 0x0005,

    // Features.
    /// <summary><see cref="Features.MicrostructureFeatures"/>.</summary>
    MicrostructureFeatures = 0x0100,
    /// <summary><see cref="Features.RollingWindows.RollingSum{T}"/> of longs.</summary>
    RollingSumInt64 = 0x0101,
    /// <summary><see cref="Features.RollingWindows.RollingSum{T}"/> of doubles.</summary>
    RollingSumDouble = 0x0102,
    /// <summary><see cref="Features.RollingWindows.ClockWindow{TSlot}"/> (named for the class it was first written by).</summary>
    ClockWindowSum = 0x0103,
    /// <summary><see cref="Features.RollingWindows.RollingRegression"/>.</summary>
    RollingRegression = 0x0104,
    /// <summary><see cref="Features.Ofi.OrderFlowImbalance"/>.</summary>
    OrderFlowImbalance = 0x0105,
    /// <summary><see cref="Features.Ofi.MultiLevelOrderFlowImbalance"/>.</summary>
    MultiLevelOrderFlowImbalance = 0x0106,
    /// <summary><see cref="Features.TradeSign.LeeReadyClassifier"/>.</summary>
    LeeReadyClassifier = 0x0107,
    /// <summary><see cref="Features.Spreads.PostTradeSpreads"/>.</summary>
    PostTradeSpreads = 0x0108,
    /// <summary><see cref="Features.Vpin.VpinCalculator"/>.</summary>
    VpinCalculator = 0x0109,
    /// <summary><see cref="Features.Vpin.VolumeBuckets"/>.</summary>
    VolumeBuckets = 0x010A,
    /// <summary><see cref="Features.Vpin.BulkVolumeClassifier"/>.</summary>
    BulkVolumeClassifier = 0x010B,
    /// <summary><see cref="Features.KyleLambda.KyleLambdaEstimator"/>.</summary>
    KyleLambdaEstimator = 0x010C,
    /// <summary><see cref="Features.Volatility.RealizedVariance"/>.</summary>
    RealizedVariance = 0x010D,
    /// <summary><see cref="Features.Intensity.EventIntensity"/>.</summary>
    EventIntensity = 0x010E,
    /// <summary><see cref="Features.Intensity.HawkesIntensity"/>.</summary>
    HawkesIntensity = 0x010F,
    /// <summary><see cref="Features.Microprice.MicropriceEstimator"/>.</summary>
    MicropriceEstimator = 0x0110,

    // Bars.
    /// <summary><see cref="Bars.TimeBarBuilder"/>.</summary>
    TimeBarBuilder = 0x0200,
    /// <summary><see cref="Bars.ThresholdBarBuilder"/>.</summary>
    ThresholdBarBuilder = 0x0201,
    /// <summary><see cref="Bars.MultiTimeframeBarAggregator"/>.</summary>
    MultiTimeframeBarAggregator = 0x0202,

    // Indicators.
    /// <summary><see cref="Indicators.SimpleMovingAverage"/>.</summary>
    SimpleMovingAverage = 0x0300,
    /// <summary><see cref="Indicators.ExponentialMovingAverage"/>.</summary>
    ExponentialMovingAverage = 0x0301,
    /// <summary><see cref="Indicators.RelativeStrengthIndex"/>.</summary>
    RelativeStrengthIndex = 0x0302,
    /// <summary><see cref="Indicators.MovingAverageConvergenceDivergence"/>.</summary>
    MovingAverageConvergenceDivergence = 0x0303,
    /// <summary><see cref="Indicators.BollingerBands"/>.</summary>
    BollingerBands = 0x0304,
    /// <summary><see cref="Indicators.AverageTrueRange"/>.</summary>
    AverageTrueRange = 0x0305,
    /// <summary><see cref="Indicators.StochasticRelativeStrengthIndex"/>.</summary>
    StochasticRelativeStrengthIndex = 0x0306,
    /// <summary><see cref="Indicators.RollingVwap"/>.</summary>
    RollingVwap = 0x0307,
    /// <summary><see cref="Indicators.OnBalanceVolume"/>.</summary>
    OnBalanceVolume = 0x0308,
    /// <summary><see cref="Indicators.Variance"/>.</summary>
    Variance = 0x0309,
    /// <summary><see cref="Indicators.StandardDeviation"/>.</summary>
    StandardDeviation = 0x030A,
    /// <summary><see cref="Indicators.LogReturn"/>.</summary>
    LogReturn = 0x030B,
    /// <summary><see cref="Indicators.TrueRange"/>.</summary>
    TrueRange = 0x030C,

    // Data quality.
    /// <summary><see cref="Quality.QualityCounters"/>.</summary>
    QualityCounters = 0x0400,
    /// <summary><see cref="Quality.TradeValidator"/>.</summary>
    TradeValidator = 0x0401,
    /// <summary><see cref="Quality.BarValidator"/>.</summary>
    BarValidator = 0x0402,
}
