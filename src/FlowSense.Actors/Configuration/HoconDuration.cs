namespace FlowSense.Actors.Configuration;

/// <summary>
/// Reads durations in the HOCON units format: a number and a lowercase unit (<c>ns</c>, <c>us</c>,
/// <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>, or their long forms such as <c>millis</c> or
/// <c>seconds</c>). A number without a unit is in milliseconds.
/// </summary>
public static class HoconDuration
{
    private const decimal TicksPerNanosecond = 0.01m;

    private static readonly Dictionary<string, decimal> TicksPerUnit = BuildUnits();

    /// <summary>
    /// Parses <paramref name="text"/>. With <paramref name="requireUnit"/>, a bare number is refused (used when
    /// deciding whether a string was written as a duration). Fails for values finer than TimeSpan's 100 ns tick
    /// or beyond its range rather than rounding them.
    /// </summary>
    public static bool TryParse(string text, bool requireUnit, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = default;
        if (!UnitQuantity.TryParse(text, out var number, out var unit) || (requireUnit && unit.Length == 0))
        {
            return false;
        }

        decimal ticksPerUnit = TimeSpan.TicksPerMillisecond;
        if (unit.Length > 0 && !TicksPerUnit.TryGetValue(unit, out ticksPerUnit))
        {
            return false;
        }

        if (!UnitQuantity.TryScaleToWhole(number, ticksPerUnit, out var ticks))
        {
            return false;
        }

        duration = TimeSpan.FromTicks(ticks);
        return true;
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units.Add(name, ticks);
            }
        }

        Add(TicksPerNanosecond, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(TimeSpan.TicksPerMicrosecond, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }
}
