using FlowSense.MarketData.Events;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Bars;

/// <summary>
/// Builds clock-aligned time bars of one <see cref="Bars.TimeFrame"/> from trades, by exchange time.
/// </summary>
/// <remarks>
/// <para><b>Stamping.</b> A bar is stamped with the start of its period, LEAN-style: the 1-minute bar stamped
/// 14:30:00 holds trades with 14:30:00 ≤ time &lt; 14:31:00, and its <see cref="Bar.EndTimeNs"/> is 14:31:00.
/// Periods are aligned to multiples of the period from the Unix epoch (see <see cref="Bars.TimeFrame"/>).</para>
/// <para><b>Closing.</b> A bar closes on the first trade at or after its end, or when <see cref="AdvanceTo"/> is
/// given a time at or after its end (a clock or heartbeat, so a silent market still closes its bars). Never
/// earlier: a bar is emitted only when no later trade can belong to it. Periods without trades produce no bar.</para>
/// <para><b>Late trades.</b> A trade whose period starts before the latest period seen (the open bar's, or the one
/// <see cref="AdvanceTo"/> reached) cannot be placed in an emitted bar; it is left out and counted in
/// <see cref="LateTrades"/>, never silently merged into a later bar.</para>
/// <para><b>Sale conditions.</b> Each trade is classified by the <see cref="SaleConditionFilter"/>; excluded trades
/// are counted in <see cref="ExcludedTrades"/>, volume-only trades add volume but do not set prices. For US
/// equities use <see cref="SaleConditionFilter.UsEquity"/>: it drops only the official-open and official-close
/// re-publications, which repeat an earlier print and are not volume. Checked against the vendor minute bars LEAN
/// ships (IBM, 2013-10-07, tests/FlowSense.Feeds.Tests/Lean): volume then matches on 451 of 453 minutes; the other
/// two are the 15:59 and 16:01 New York bars, because the vendor books the closing cross (ClosingPrints, reported
/// at 16:01) into 15:59, which a builder that closes bars as time passes cannot do. Prices differ more: LEAN's
/// documented bar-building rule leaves out the price (not the volume) of intermarket-sweep, trade-through-exempt
/// and odd-lot prints unless they also carry a "regular" kind of flag (see <see cref="SaleConditionFilter.LeanTradeBars"/>).
/// With that filter the built bars equal the vendor's in OHLC on 451 of 453 minutes (against 243 when every print
/// sets prices): the two others are 15:59 (the closing cross again) and 09:30, whose open the vendor takes from the
/// primary market's opening cross (18.20 at 09:30:16) rather than the first print of the minute (an extended-hours
/// print at 18.19 at 09:30:00). At 1-second resolution OHLC agrees on all 5,123 vendor seconds; the vendor books
/// the volume of a second holding only price-excluded prints into the previous bar (its builder starts bars only
/// on priced ticks), where clock-aligned bars keep it in its own second. The consolidated tape's own rule lets sweep prints set the last price, so
/// the LEAN rule is offered, not imposed. LEAN also leaves out the price of ticks it marks
/// suspicious; that flag is on the LEAN tick, not on <see cref="Trade"/>, so the caller classifies such trades
/// (FlowSense.Feeds' <c>LeanTradeTick.Eligibility</c> does) and passes the result to
/// <see cref="Add(in Trade, TradeEligibility, out Bar)"/>.</para>
/// <para>Allocation-free per trade.</para>
/// </remarks>
public sealed class TimeBarBuilder : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private BarAccumulator _bar;
    private long _barStartNs;
    private long _frontierStartNs = long.MinValue;

    public TimeBarBuilder(TimeFrame timeFrame, SaleConditionFilter? filter = null)
    {
        TimeFrame = timeFrame;
        Filter = filter ?? SaleConditionFilter.None;
    }

    public TimeFrame TimeFrame { get; }

    public SaleConditionFilter Filter { get; }

    /// <summary>Trades left out because of their sale conditions.</summary>
    public long ExcludedTrades { get; private set; }

    /// <summary>Trades left out because their period had already been passed (out-of-order timestamps).</summary>
    public long LateTrades { get; private set; }

    /// <summary>True while a bar has trades and has not closed.</summary>
    public bool HasOpenBar => !_bar.IsEmpty;

    /// <summary>The bar being built so far, if any (not final: more trades may join it).</summary>
    public Bar? OpenBar => _bar.IsEmpty ? null : _bar.ToBar(_barStartNs, _barStartNs + TimeFrame.PeriodNs);

    /// <summary>Adds a trade; returns true, with the closed bar, when the trade closed the previous bar.</summary>
    public bool Add(in Trade trade, out Bar closed) => Add(trade, Filter.Classify(trade.Conditions), out closed);

    /// <summary>
    /// Adds a trade the caller has already classified, for rules the conditions alone cannot express (LEAN's
    /// suspicious flag, see <c>LeanTradeTick.Eligibility</c> in FlowSense.Feeds). Excluded trades are counted.
    /// </summary>
    public bool Add(in Trade trade, TradeEligibility eligibility, out Bar closed)
    {
        if (eligibility == TradeEligibility.Excluded)
        {
            ExcludedTrades++;
            closed = default;
            return false;
        }
        return Add(trade.Price, trade.Size, trade.Header.ExchangeTimeNs, eligibility, out closed);
    }

    /// <summary>True when a trade at <paramref name="timeNs"/> would be late: its period has already been passed.</summary>
    /// <summary>Writes the period and filter (checked on restore), the open bar, its start, the frontier and the counts.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.TimeBarBuilder, CheckpointVersion);
        writer.WriteInt64(TimeFrame.PeriodNs);
        Filter.WriteCheckpoint(ref writer);
        writer.WriteInt64(_barStartNs);
        writer.WriteInt64(_frontierStartNs);
        writer.WriteInt64(ExcludedTrades);
        writer.WriteInt64(LateTrades);
        _bar.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.TimeBarBuilder, CheckpointVersion);
        reader.ReadExpected(TimeFrame.PeriodNs, "the bar period (ns)");
        Filter.ReadExpected(ref reader);
        _barStartNs = reader.ReadInt64();
        _frontierStartNs = reader.ReadInt64();
        ExcludedTrades = reader.ReadInt64();
        LateTrades = reader.ReadInt64();
        _bar.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }

    internal bool IsLate(long timeNs) => TimeFrame.StartOf(timeNs) < _frontierStartNs;

    /// <summary>The end of the latest period seen: before it, <see cref="AdvanceTo"/> changes nothing.</summary>
    internal long FrontierEndNs => _frontierStartNs == long.MinValue ? long.MinValue : _frontierStartNs + TimeFrame.PeriodNs;

    /// <summary>Adds a trade already classified (the multi-timeframe aggregator classifies once for all frames).</summary>
    internal bool Add(long price, long size, long timeNs, TradeEligibility eligibility, out Bar closed)
    {
        long start = TimeFrame.StartOf(timeNs);
        if (start < _frontierStartNs)
        {
            LateTrades++;
            closed = default;
            return false;
        }
        bool didClose = false;
        closed = default;
        if (start != _barStartNs && !_bar.IsEmpty)
        {
            closed = _bar.ToBar(_barStartNs, _barStartNs + TimeFrame.PeriodNs);
            _bar.Clear();
            didClose = true;
        }
        _frontierStartNs = start;
        _barStartNs = start;
        _bar.Add(price, size, timeNs, eligibility);
        return didClose;
    }

    /// <summary>
    /// Tells the builder that exchange time has reached <paramref name="timeNs"/>: the open bar closes if its period
    /// has ended, and trades from earlier periods will count as late.
    /// </summary>
    public bool AdvanceTo(long timeNs, out Bar closed)
    {
        closed = default;
        long start = TimeFrame.StartOf(timeNs);
        if (start > _frontierStartNs)
            _frontierStartNs = start;
        if (_bar.IsEmpty || timeNs < _barStartNs + TimeFrame.PeriodNs)
            return false;
        closed = _bar.ToBar(_barStartNs, _barStartNs + TimeFrame.PeriodNs);
        _bar.Clear();
        return true;
    }
}
