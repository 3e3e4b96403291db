using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Bars;

/// <summary>What a <see cref="ThresholdBarBuilder"/> counts towards its threshold.</summary>
public enum ThresholdKind : byte
{
    /// <summary>Tick bars: a fixed number of trades.</summary>
    Trades = 1,
    /// <summary>Volume bars: a fixed traded size (raw size units).</summary>
    Volume = 2,
    /// <summary>Dollar bars: a fixed traded notional (raw price × raw size units).</summary>
    Notional = 3,
}

/// <summary>
/// Tick, volume and dollar bars (López de Prado, <i>Advances in Financial Machine Learning</i>, 2018, §2.3.1):
/// a bar is sampled each time the running count of trades, shares or notional reaches the threshold.
/// </summary>
/// <remarks>
/// <para><b>Overflow.</b> The trade that reaches the threshold belongs whole to the bar it completes, and the bar
/// closes with it; the excess is not carried into the next bar and trades are never split. This is López de
/// Prado's definition (sample when the cumulative measure exceeds the threshold), so a volume bar's volume is
/// ≥ the threshold and less than threshold + the size of its last trade. Splitting a print into two bars would
/// invent trades the tape never had and double-count the trade count.</para>
/// <para><b>Stamping.</b> <see cref="Bar.StartTimeNs"/> is the first trade's exchange time and
/// <see cref="Bar.EndTimeNs"/> the last's. Excluded and volume-only trades follow the <see cref="SaleConditionFilter"/>;
/// volume-only trades count towards all three thresholds.</para>
/// </remarks>
public sealed class ThresholdBarBuilder : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly Int128 _threshold;
    private BarAccumulator _bar;

    private ThresholdBarBuilder(ThresholdKind kind, Int128 threshold, SaleConditionFilter? filter)
    {
        if (threshold <= 0)
            throw new ArgumentOutOfRangeException(nameof(threshold), "The threshold must be positive.");
        Kind = kind;
        _threshold = threshold;
        Filter = filter ?? SaleConditionFilter.None;
    }

    /// <summary>A bar every <paramref name="tradesPerBar"/> trades.</summary>
    public static ThresholdBarBuilder TickBars(int tradesPerBar, SaleConditionFilter? filter = null) =>
        new(ThresholdKind.Trades, tradesPerBar, filter);

    /// <summary>A bar each time <paramref name="volumePerBar"/> (raw size units) has traded.</summary>
    public static ThresholdBarBuilder VolumeBars(long volumePerBar, SaleConditionFilter? filter = null) =>
        new(ThresholdKind.Volume, volumePerBar, filter);

    /// <summary>A bar each time <paramref name="notionalPerBar"/> (raw price × raw size units) has traded.</summary>
    public static ThresholdBarBuilder DollarBars(Int128 notionalPerBar, SaleConditionFilter? filter = null) =>
        new(ThresholdKind.Notional, notionalPerBar, filter);

    /// <summary>A bar each time <paramref name="currencyPerBar"/> (in the quote currency) has traded in <paramref name="instrument"/>.</summary>
    public static ThresholdBarBuilder DollarBars(decimal currencyPerBar, Instrument instrument, SaleConditionFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        decimal raw = currencyPerBar * FixedPoint.Pow10(instrument.PriceDecimals) * FixedPoint.Pow10(instrument.SizeDecimals);
        return DollarBars((Int128)decimal.Ceiling(raw), filter);
    }

    public ThresholdKind Kind { get; }

    public SaleConditionFilter Filter { get; }

    /// <summary>Trades left out because of their sale conditions.</summary>
    public long ExcludedTrades { get; private set; }

    /// <summary>The bar being built so far, if any.</summary>
    public Bar? OpenBar => _bar.IsEmpty ? null : _bar.ToBar(_bar.FirstTimeNs, _bar.LastTimeNs);

    /// <summary>Adds a trade; returns true, with the bar, when this trade completed it.</summary>
    /// <summary>Writes the kind, threshold and filter (checked on restore), the open bar and the excluded count.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.ThresholdBarBuilder, CheckpointVersion);
        writer.WriteByte((byte)Kind);
        writer.WriteInt128(_threshold);
        Filter.WriteCheckpoint(ref writer);
        writer.WriteInt64(ExcludedTrades);
        _bar.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.ThresholdBarBuilder, CheckpointVersion);
        byte kind = reader.ReadByte();
        Int128 threshold = reader.ReadInt128();
        if (kind != (byte)Kind || threshold != _threshold)
            throw reader.Corrupt($"the checkpoint is of {(ThresholdKind)kind} bars at {threshold}, the builder of {Kind} bars at {_threshold}");
        Filter.ReadExpected(ref reader);
        ExcludedTrades = reader.ReadInt64();
        _bar.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }

    public bool Add(in Trade trade, out Bar closed)
    {
        closed = default;
        TradeEligibility eligibility = Filter.Classify(trade.Conditions);
        if (eligibility == TradeEligibility.Excluded)
        {
            ExcludedTrades++;
            return false;
        }
        _bar.Add(trade.Price, trade.Size, trade.Header.ExchangeTimeNs, eligibility);
        Int128 reached = Kind switch
        {
            ThresholdKind.Trades => _bar.TradeCount,
            ThresholdKind.Volume => _bar.Volume,
            _ => _bar.Notional,
        };
        if (reached < _threshold)
            return false;
        closed = _bar.ToBar(_bar.FirstTimeNs, _bar.LastTimeNs);
        _bar.Clear();
        return true;
    }
}
