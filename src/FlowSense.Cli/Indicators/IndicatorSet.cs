using FlowSense.MarketData.Indicators;

namespace FlowSense.Cli.Indicators;

/// <summary>
/// The market-data core's indicators, with the parameters TA-Lib and LEAN use by default, as named CSV columns. Each
/// column is empty until its indicator is ready (TA-Lib emits nothing during the look-back). Columns that need volume
/// stay empty for a series without volume.
/// </summary>
internal sealed class IndicatorSet
{
    private readonly SimpleMovingAverage _sma = new(14);
    private readonly ExponentialMovingAverage _ema = new(14);
    private readonly RelativeStrengthIndex _rsi = new(14, Smoothing.Wilder);
    private readonly RelativeStrengthIndex _rsiSimple = new(14, Smoothing.Simple);
    private readonly MovingAverageConvergenceDivergence _macd = new(12, 26, 9);
    private readonly BollingerBands _bollinger = new(20, 2);
    private readonly AverageTrueRange _atr = new(14, Smoothing.Wilder);
    private readonly AverageTrueRange _atrSimple = new(14, Smoothing.Simple);
    private readonly StochasticRelativeStrengthIndex _stochRsi = new(14, 14, 3, 3);
    private readonly RollingVwap _vwap = new(50);
    private readonly OnBalanceVolume _obv = new();
    private readonly Variance _variance = new(10);
    private readonly StandardDeviation _deviation = new(10);
    private readonly LogReturn _logReturn = new(14);
    private readonly TrueRange _trueRange = new();
    private readonly IBarIndicator[] _all;
    private readonly (string Name, Func<double?> Value)[] _columns;

    public IndicatorSet(bool hasVolume)
    {
        _all = [_sma, _ema, _rsi, _rsiSimple, _macd, _bollinger, _atr, _atrSimple, _stochRsi, _vwap, _obv, _variance, _deviation, _logReturn, _trueRange];
        _columns =
        [
            ("sma14", () => Ready(_sma)),
            ("ema14", () => Ready(_ema)),
            ("rsi14", () => Ready(_rsi)),
            ("rsi14_simple", () => Ready(_rsiSimple)),
            ("macd", () => _macd.IsLineReady ? _macd.Line : null),
            ("macd_signal", () => _macd.IsReady ? _macd.Signal : null),
            ("macd_histogram", () => _macd.IsReady ? _macd.Histogram : null),
            ("bb20_middle", () => _bollinger.IsReady ? _bollinger.Middle : null),
            ("bb20_upper", () => _bollinger.IsReady ? _bollinger.Upper : null),
            ("bb20_lower", () => _bollinger.IsReady ? _bollinger.Lower : null),
            ("bb20_bandwidth", () => _bollinger.IsReady ? _bollinger.BandWidth : null),
            ("bb20_percent_b", () => _bollinger.IsReady ? _bollinger.PercentB : null),
            ("atr14", () => Ready(_atr)),
            ("atr14_simple", () => Ready(_atrSimple)),
            ("stochrsi_k", () => _stochRsi.IsReady ? _stochRsi.K : null),
            ("stochrsi_d", () => _stochRsi.IsReady ? _stochRsi.D : null),
            ("vwap50", () => hasVolume ? Ready(_vwap) : null),
            ("obv", () => hasVolume ? Ready(_obv) : null),
            ("var10", () => Ready(_variance)),
            ("std10", () => Ready(_deviation)),
            ("logr14", () => Ready(_logReturn)),
            ("tr", () => Ready(_trueRange)),
        ];
    }

    /// <summary>The column names, in order.</summary>
    public IEnumerable<string> Names => _columns.Select(c => c.Name);

    /// <summary>Adds the next bar to every indicator.</summary>
    public void Update(in OhlcvBar bar)
    {
        foreach (IBarIndicator indicator in _all)
            indicator.Update(bar);
    }

    /// <summary>The current values, null where an indicator is not ready (or NaN, as a zero-range stochastic is).</summary>
    public IEnumerable<double?> Values => _columns.Select(c => c.Value() is double v && double.IsFinite(v) ? v : (double?)null);

    private static double? Ready(Indicator indicator) => indicator.IsReady ? indicator.Value : null;
}
