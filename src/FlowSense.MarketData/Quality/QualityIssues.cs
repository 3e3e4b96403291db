namespace FlowSense.MarketData.Quality;

/// <summary>The data-quality problems the validators detect. One event can have several.</summary>
[Flags]
public enum QualityIssues : ushort
{
    None = 0,
    /// <summary>A bar whose high is below its open or close, or whose low is above them.</summary>
    OhlcInconsistent = 1 << 0,
    /// <summary>A price of zero or below.</summary>
    NonPositivePrice = 1 << 1,
    /// <summary>A trade size of zero or below, or a negative bar volume.</summary>
    NonPositiveSize = 1 << 2,
    /// <summary>A trade price further from the rolling reference price than the band allows.</summary>
    PriceOutlier = 1 << 3,
    /// <summary>An exchange time earlier than the symbol's previous accepted event (or a bar overlapping the previous bar).</summary>
    TimestampBackwards = 1 << 4,
    /// <summary>Missing bars between the previous bar and this one (a warning: the bar itself is accepted).</summary>
    Gap = 1 << 5,
    /// <summary>A daily close-to-open jump near a split ratio, with the volume change a split brings (a warning).</summary>
    SplitSuspected = 1 << 6,
}

/// <summary>Which issues reject the event; the others are warnings counted on an accepted event.</summary>
public static class QualityIssueSeverity
{
    /// <summary>Issues that make an event unusable: it is rejected, never fixed.</summary>
    public const QualityIssues Rejecting = QualityIssues.OhlcInconsistent | QualityIssues.NonPositivePrice
        | QualityIssues.NonPositiveSize | QualityIssues.PriceOutlier | QualityIssues.TimestampBackwards;

    /// <summary>Every single issue, in declaration order.</summary>
    public static IReadOnlyList<QualityIssues> All { get; } =
        [.. Enum.GetValues<QualityIssues>().Where(i => i != QualityIssues.None)];
}
