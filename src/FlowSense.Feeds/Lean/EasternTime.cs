namespace FlowSense.Feeds.Lean;

/// <summary>
/// Converts LEAN's US-equity timestamps (milliseconds after midnight, New York local time) to UTC nanoseconds,
/// with the America/New_York daylight-saving rules (EDT, UTC−4, in summer; EST, UTC−5, in winter).
/// </summary>
/// <remarks>
/// The rules come from the operating system's tz database (TimeZoneInfo reads /usr/share/zoneinfo on Linux and
/// works with invariant globalization). The offset is looked up once per day; only on the two days a year when
/// the clocks change is it looked up per timestamp. Local times that do not exist (the spring-forward hour) or
/// occur twice (the fall-back hour) take the standard-time offset, as TimeZoneInfo does.
/// </remarks>
public sealed class EasternTime
{
    private const long NsPerMs = 1_000_000L;
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private readonly DateTime _midnight;
    private readonly long _midnightUnixNs;
    private readonly long? _constantOffsetNs;

    /// <summary>A converter for one trading date (the date in the LEAN file name).</summary>
    public EasternTime(DateOnly date)
    {
        _midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        _midnightUnixNs = (_midnight - DateTime.UnixEpoch).Ticks * 100;
        TimeSpan atStart = NewYork.GetUtcOffset(_midnight);
        TimeSpan atEnd = NewYork.GetUtcOffset(_midnight.AddDays(1).AddTicks(-1));
        _constantOffsetNs = atStart == atEnd ? atStart.Ticks * 100 : null;
    }

    public DateOnly Date => DateOnly.FromDateTime(_midnight);

    /// <summary>UTC nanoseconds since the Unix epoch of <paramref name="msAfterMidnight"/> New York time on <see cref="Date"/>.</summary>
    public long ToUtcNs(long msAfterMidnight)
    {
        long offsetNs = _constantOffsetNs ?? NewYork.GetUtcOffset(_midnight.AddMilliseconds(msAfterMidnight)).Ticks * 100;
        return _midnightUnixNs + (msAfterMidnight * NsPerMs) - offsetNs;
    }
}
