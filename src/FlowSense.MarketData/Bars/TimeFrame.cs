namespace FlowSense.MarketData.Bars;

/// <summary>
/// The length of a time bar. Bars are aligned to multiples of the period counted from the Unix epoch (UTC), so a
/// 5-minute bar starts at :00, :05, ...; a 4-hour bar at 00:00, 04:00, ... UTC; a day at 00:00 UTC.
/// Sessions in other time zones (a US equity day, 09:30–16:00 New York) are not modelled yet: daily bars are
/// UTC days.
/// </summary>
public readonly record struct TimeFrame
{
    private const long NsPerSecond = 1_000_000_000L;

    public TimeFrame(long periodNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodNs);
        PeriodNs = periodNs;
    }

    public long PeriodNs { get; }

    public static TimeFrame OneSecond { get; } = new(NsPerSecond);
    public static TimeFrame FiveSeconds { get; } = new(5 * NsPerSecond);
    public static TimeFrame OneMinute { get; } = new(60 * NsPerSecond);
    public static TimeFrame FiveMinutes { get; } = new(300 * NsPerSecond);
    public static TimeFrame FifteenMinutes { get; } = new(900 * NsPerSecond);
    public static TimeFrame OneHour { get; } = new(3_600 * NsPerSecond);
    public static TimeFrame FourHours { get; } = new(4 * 3_600 * NsPerSecond);
    public static TimeFrame OneDay { get; } = new(24 * 3_600 * NsPerSecond);

    /// <summary>1s, 5s, 1m, 5m, 15m, 1h, 4h, 1d.</summary>
    public static IReadOnlyList<TimeFrame> Standard { get; } =
        [OneSecond, FiveSeconds, OneMinute, FiveMinutes, FifteenMinutes, OneHour, FourHours, OneDay];

    /// <summary>The start of the period that contains <paramref name="timeNs"/> (floor, also for times before 1970).</summary>
    public long StartOf(long timeNs)
    {
        long remainder = timeNs % PeriodNs;
        return remainder < 0 ? timeNs - remainder - PeriodNs : timeNs - remainder;
    }

    /// <summary>
    /// Parses the text <see cref="ToString"/> writes: a positive whole number and a unit, <c>s</c>, <c>m</c>, <c>h</c> or
    /// <c>d</c> (<c>1m</c>, <c>15m</c>, <c>4h</c>, <c>1d</c>), or <c>ns</c>. False for anything else.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TimeFrame timeFrame)
    {
        timeFrame = default;
        text = text.Trim();
        int digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            digits++;
        long unitNs = text[digits..] switch
        {
            "ns" => 1,
            "s" => NsPerSecond,
            "m" => 60 * NsPerSecond,
            "h" => 3_600 * NsPerSecond,
            "d" => 86_400 * NsPerSecond,
            _ => 0,
        };
        if (unitNs == 0 || digits == 0 || !long.TryParse(text[..digits], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long count)
            || count <= 0 || count > long.MaxValue / unitNs)
            return false;
        timeFrame = new TimeFrame(count * unitNs);
        return true;
    }

    public override string ToString()
    {
        long seconds = PeriodNs / NsPerSecond;
        if (PeriodNs % NsPerSecond != 0)
            return $"{PeriodNs}ns";
        return seconds % 86_400 == 0 ? $"{seconds / 86_400}d"
            : seconds % 3_600 == 0 ? $"{seconds / 3_600}h"
            : seconds % 60 == 0 ? $"{seconds / 60}m"
            : $"{seconds}s";
    }
}
