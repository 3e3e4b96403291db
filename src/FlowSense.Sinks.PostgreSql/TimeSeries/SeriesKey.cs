using FlowSense.MarketData.Instruments;

namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>
/// One series of a table: the rows of one instrument (and, for bars, one timeframe). Replays are detected per series
/// against its high-water mark (migration 0004).
/// </summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Qualifier">What else splits the instrument's rows into series (the bar timeframe), else empty.</param>
public readonly record struct SeriesKey(InstrumentId Instrument, string Qualifier = "");

/// <summary>
/// Where a row sits in its series: its time (nanoseconds since the Unix epoch, UTC, also the partition key) and its
/// sequence (0 for tables keyed by time alone). Together with the <see cref="SeriesKey"/> this is the row's natural
/// key; positions order rows by time, then sequence.
/// </summary>
public readonly record struct SeriesPosition(long TimeNs, long Sequence) : IComparable<SeriesPosition>
{
    /// <summary>Below every real row: the mark of a series that has stored nothing.</summary>
    public static SeriesPosition Start { get; } = new(long.MinValue, long.MinValue);

    /// <inheritdoc />
    public int CompareTo(SeriesPosition other) =>
        TimeNs != other.TimeNs ? TimeNs.CompareTo(other.TimeNs) : Sequence.CompareTo(other.Sequence);

    public static bool operator <(SeriesPosition left, SeriesPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(SeriesPosition left, SeriesPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(SeriesPosition left, SeriesPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SeriesPosition left, SeriesPosition right) => left.CompareTo(right) >= 0;
}
