using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Quality;

/// <summary>
/// Checks bars per symbol: OHLC relationships (high ≥ max(open, close), low ≤ min(open, close)), non-positive
/// prices, negative volume (zero volume is valid: a bar can be carried forward), a bar starting before the
/// previous one ended, and — when the bar period is known — gaps of missing bars. With <see cref="SplitDetector"/>
/// set (daily bars), also flags probable unadjusted splits. Rejected bars do not become the symbol's previous bar.
/// </summary>
/// <param name="counters">Where verdicts are counted.</param>
/// <param name="period">The expected bar period; gaps are detected only when it is given.</param>
/// <param name="splits">Split detection, for daily bars; null to skip it.</param>
public sealed class BarValidator(QualityCounters counters, TimeFrame? period = null, SplitDetector? splits = null) : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly Dictionary<InstrumentId, Bar> _previous = [];

    public QualityCounters Counters { get; } = counters;

    /// <summary>
    /// Writes each symbol's previous accepted bar, symbols in ordinal order (the shared <see cref="Counters"/> are
    /// checkpointed on their own).
    /// </summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.BarValidator, CheckpointVersion);
        writer.WriteInt64(period?.PeriodNs ?? 0);
        InstrumentId[] instruments = InstrumentCheckpoint.Sorted(_previous.Keys);
        writer.WriteInt32(instruments.Length);
        foreach (InstrumentId instrument in instruments)
        {
            InstrumentCheckpoint.Write(ref writer, instrument);
            _previous[instrument].WriteCheckpoint(ref writer);
        }
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.BarValidator, CheckpointVersion);
        reader.ReadExpected(period?.PeriodNs ?? 0, "the expected bar period (ns)");
        int symbols = reader.ReadLength(80, "the symbol count");
        _previous.Clear();
        for (int s = 0; s < symbols; s++)
        {
            InstrumentId instrument = InstrumentCheckpoint.Read(ref reader);
            if (!_previous.TryAdd(instrument, Bar.ReadCheckpoint(ref reader)))
                throw reader.Corrupt($"{instrument} appears twice");
        }
        reader.EndSection();
    }

    public QualityVerdict Check(InstrumentId instrument, in Bar bar)
    {
        QualityIssues issues = QualityIssues.None;
        if (bar.Open <= 0 || bar.High <= 0 || bar.Low <= 0 || bar.Close <= 0)
            issues |= QualityIssues.NonPositivePrice;
        if (bar.High < Math.Max(bar.Open, bar.Close) || bar.Low > Math.Min(bar.Open, bar.Close) || bar.Low > bar.High)
            issues |= QualityIssues.OhlcInconsistent;
        if (bar.Volume < 0)
            issues |= QualityIssues.NonPositiveSize;

        long missing = 0;
        double splitRatio = double.NaN;
        bool hasPrevious = _previous.TryGetValue(instrument, out Bar previous);
        if (hasPrevious && bar.StartTimeNs < previous.EndTimeNs)
            issues |= QualityIssues.TimestampBackwards;

        if (hasPrevious && (issues & QualityIssueSeverity.Rejecting) == 0)
        {
            if (period is { } p && bar.StartTimeNs > previous.EndTimeNs)
            {
                missing = (bar.StartTimeNs - previous.EndTimeNs) / p.PeriodNs;
                if (missing > 0)
                    issues |= QualityIssues.Gap;
            }
            if (splits is not null)
            {
                splitRatio = splits.Detect(previous, bar);
                if (!double.IsNaN(splitRatio))
                    issues |= QualityIssues.SplitSuspected;
            }
        }

        var verdict = new QualityVerdict(issues, missing, splitRatio);
        if (verdict.IsAccepted)
            _previous[instrument] = bar;
        Counters.Record(instrument, verdict);
        return verdict;
    }
}
