namespace FlowSense.MarketData.Quality;

/// <summary>
/// What a validator decided about one event. A rejected event must not reach books, bars or indicators; the
/// verdict says why, and the same issues are counted per symbol in <see cref="QualityCounters"/>.
/// </summary>
/// <param name="Issues">Every issue found (rejecting ones and warnings).</param>
/// <param name="MissingPeriods">For <see cref="QualityIssues.Gap"/>: how many bar periods are missing before this bar.</param>
/// <param name="SplitRatio">For <see cref="QualityIssues.SplitSuspected"/>: the split ratio matched (2 for 2:1, 0.5 for 1:2); otherwise NaN.</param>
public readonly record struct QualityVerdict(QualityIssues Issues, long MissingPeriods = 0, double SplitRatio = double.NaN)
{
    /// <summary>A clean event.</summary>
    public static QualityVerdict Clean => new(QualityIssues.None);

    /// <summary>True when any rejecting issue was found.</summary>
    public bool IsRejected => (Issues & QualityIssueSeverity.Rejecting) != 0;

    /// <summary>True when the event may be used (possibly with warnings).</summary>
    public bool IsAccepted => !IsRejected;

    public bool Has(QualityIssues issue) => (Issues & issue) == issue;
}
