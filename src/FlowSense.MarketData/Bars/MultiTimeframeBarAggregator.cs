using FlowSense.MarketData.Events;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Bars;

/// <summary>
/// Builds bars of several time frames (for example <see cref="TimeFrame.Standard"/>) from one trade stream.
/// </summary>
/// <remarks>
/// Every time frame is built from the trades themselves, not from shorter bars, so each one has exact boundaries
/// by construction: the 15-minute bar is never "the last fifteen 1-minute bars", and it equals the merge of the
/// 1-minute bars of its period because both see the same trades. A trade is classified by the sale-condition
/// filter once, then costs one O(1) update per time frame. Stamping and closing rules are those of
/// <see cref="TimeBarBuilder"/>; a trade or an <see cref="AdvanceTo"/> that closes several bars emits them
/// shortest time frame first. Every time frame must be a whole multiple of the shortest, so that each longer period
/// is a union of shorter ones; a trade that is late for the shortest frame is left out of every frame (and counted
/// in <see cref="LateTrades"/>), so all frames always hold the same trades.
/// </remarks>
public sealed class MultiTimeframeBarAggregator : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly TimeBarBuilder[] _builders;
    private readonly IBarSink _sink;
    private long _quietUntilNs = long.MinValue; // AdvanceTo before this time changes nothing: most events return at once

    public MultiTimeframeBarAggregator(IEnumerable<TimeFrame> timeFrames, IBarSink sink, SaleConditionFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(timeFrames);
        ArgumentNullException.ThrowIfNull(sink);
        Filter = filter ?? SaleConditionFilter.None;
        _builders = timeFrames.Distinct().OrderBy(f => f.PeriodNs).Select(f => new TimeBarBuilder(f, Filter)).ToArray();
        if (_builders.Length == 0)
            throw new ArgumentException("At least one time frame is required.", nameof(timeFrames));
        long shortest = _builders[0].TimeFrame.PeriodNs;
        if (_builders.Any(b => b.TimeFrame.PeriodNs % shortest != 0))
            throw new ArgumentException($"Every time frame must be a multiple of the shortest ({_builders[0].TimeFrame}).", nameof(timeFrames));
        _sink = sink;
    }

    public SaleConditionFilter Filter { get; }

    public IReadOnlyList<TimeFrame> TimeFrames => Array.ConvertAll(_builders, b => b.TimeFrame);

    /// <summary>Trades left out because of their sale conditions.</summary>
    public long ExcludedTrades { get; private set; }

    /// <summary>Trades left out of every frame because their period in the shortest frame had already been passed.</summary>
    public long LateTrades { get; private set; }

    /// <summary>Adds a trade, classified by <see cref="Filter"/>.</summary>
    public void OnTrade(in Trade trade) => OnTrade(trade, Filter.Classify(trade.Conditions));

    /// <summary>Adds a trade the caller has already classified (see <see cref="TimeBarBuilder.Add(in Trade, TradeEligibility, out Bar)"/>).</summary>
    public void OnTrade(in Trade trade, TradeEligibility eligibility)
    {
        if (eligibility == TradeEligibility.Excluded)
        {
            ExcludedTrades++;
            return;
        }
        if (_builders[0].IsLate(trade.Header.ExchangeTimeNs))
        {
            LateTrades++;
            return;
        }
        foreach (TimeBarBuilder builder in _builders)
        {
            if (builder.Add(trade.Price, trade.Size, trade.Header.ExchangeTimeNs, eligibility, out Bar closed))
                _sink.OnBar(builder.TimeFrame, closed);
        }
        _quietUntilNs = _builders[0].FrontierEndNs;
    }

    /// <summary>Writes the counts and every time frame's builder, shortest first.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.MultiTimeframeBarAggregator, CheckpointVersion);
        writer.WriteInt64(_builders.Length);
        writer.WriteInt64(ExcludedTrades);
        writer.WriteInt64(LateTrades);
        foreach (TimeBarBuilder builder in _builders)
            builder.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.MultiTimeframeBarAggregator, CheckpointVersion);
        reader.ReadExpected(_builders.Length, "the number of time frames");
        ExcludedTrades = reader.ReadInt64();
        LateTrades = reader.ReadInt64();
        foreach (TimeBarBuilder builder in _builders)
            builder.RestoreCheckpoint(ref reader);
        reader.EndSection();
        _quietUntilNs = _builders[0].FrontierEndNs;
    }

    /// <summary>Until this time (exchange time) <see cref="AdvanceTo"/> closes nothing; it changes with each trade and bar close.</summary>
    public long QuietUntilNs => _quietUntilNs;

    /// <summary>Closes every bar whose period ended at or before <paramref name="timeNs"/> (exchange time).</summary>
    /// <remarks>
    /// Cheap enough to call on every event: every longer period is a union of shortest ones, so until time reaches
    /// the end of the latest shortest period seen no bar can close and no frontier move, and it returns at once.
    /// </remarks>
    public void AdvanceTo(long timeNs)
    {
        if (timeNs < _quietUntilNs)
            return;
        foreach (TimeBarBuilder builder in _builders)
        {
            if (builder.AdvanceTo(timeNs, out Bar closed))
                _sink.OnBar(builder.TimeFrame, closed);
        }
        _quietUntilNs = _builders[0].FrontierEndNs;
    }
}
