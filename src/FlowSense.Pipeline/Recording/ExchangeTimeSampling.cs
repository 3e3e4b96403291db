namespace FlowSense.Pipeline.Recording;

/// <summary>
/// The sampling rule of book tops and features: a row is taken right after the first applied event of each new
/// interval of exchange time, never by the wall clock. Whether an event is "first" is decided from its own time and
/// the latest exchange time applied before it, which is part of the symbol's snapshot (its counters); so the rule is
/// a pure function of the event stream, and a run resumed from a snapshot samples exactly where an uninterrupted run
/// did.
/// </summary>
/// <remarks>
/// Comparing with the <i>latest</i> time before (not the previous event's, which may be earlier when a feed's
/// clock steps back) makes the sampled intervals strictly increasing: at most one row per interval, so rows keyed by
/// time can never collide.
/// </remarks>
public static class ExchangeTimeSampling
{
    /// <summary>The "latest time before" of a symbol's first applied event: every interval opens after it.</summary>
    public const long NothingBefore = long.MinValue;

    /// <summary>
    /// True when an event at <paramref name="timeNs"/> is the first applied in an interval later than that of
    /// <paramref name="latestBeforeNs"/> (the latest exchange time applied before it; <see cref="NothingBefore"/> when
    /// it is the symbol's first event).
    /// </summary>
    public static bool OpensInterval(long timeNs, long latestBeforeNs, long intervalNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(intervalNs, 0);
        return IntervalOf(timeNs, intervalNs) > IntervalOf(latestBeforeNs, intervalNs);
    }

    /// <summary>The interval holding <paramref name="timeNs"/>, floored (so times before 1970 land in the right one).</summary>
    public static long IntervalOf(long timeNs, long intervalNs)
    {
        long interval = timeNs / intervalNs;
        return timeNs % intervalNs < 0 ? interval - 1 : interval;
    }
}
