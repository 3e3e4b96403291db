using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Indicators;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Snapshots;

namespace FlowSense.Pipeline.Symbols;

/// <summary>One instance of every indicator of a symbol's set, for one time frame, fed each closed bar.</summary>
internal sealed class IndicatorSet : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly Instrument _instrument;
    private readonly string[] _names;
    private readonly IBarIndicator[] _indicators;

    public IndicatorSet(Instrument instrument, IReadOnlyList<IndicatorSpec> specs)
    {
        _instrument = instrument;
        _names = new string[specs.Count];
        _indicators = new IBarIndicator[specs.Count];
        for (int i = 0; i < specs.Count; i++)
        {
            var indicator = specs[i].Create();
            if (indicator is not Indicator)
                throw new ArgumentException($"Indicator '{specs[i].Name}' must derive from {nameof(Indicator)} so its value can be read.", nameof(specs));
            _names[i] = specs[i].Name;
            _indicators[i] = indicator;
        }
    }

    public void OnBar(in Bar bar)
    {
        var ohlcv = OhlcvBar.From(bar, _instrument);
        foreach (IBarIndicator indicator in _indicators)
            indicator.Update(ohlcv);
    }

    public IndicatorValue[] Values()
    {
        var values = new IndicatorValue[_indicators.Length];
        for (int i = 0; i < values.Length; i++)
        {
            var indicator = (Indicator)_indicators[i];
            values[i] = new IndicatorValue(_names[i], indicator.Value, indicator.IsReady, indicator.Samples);
        }
        return values;
    }

    /// <inheritdoc />
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(SymbolSections.IndicatorSet, CheckpointVersion);
        writer.WriteInt64(_indicators.Length);
        foreach (IBarIndicator indicator in _indicators)
            ((Indicator)indicator).WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(SymbolSections.IndicatorSet, CheckpointVersion);
        reader.ReadExpected(_indicators.Length, "indicators per time frame");
        foreach (IBarIndicator indicator in _indicators)
            ((Indicator)indicator).RestoreCheckpoint(ref reader);
        reader.EndSection();
    }
}
