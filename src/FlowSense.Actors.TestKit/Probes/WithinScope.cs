namespace FlowSense.Actors.TestKit;

/// <summary>The deadline of the innermost <see cref="TestKit.Within"/> block on this thread, which caps expectation timeouts.</summary>
internal static class WithinScope
{
    [ThreadStatic]
    private static DateTime? t_deadline;

    public static TimeSpan Remaining(TimeSpan requested)
    {
        if (t_deadline is not { } deadline)
            return requested;
        TimeSpan left = deadline - DateTime.UtcNow;
        return left < requested ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : requested;
    }

    public static DateTime? Enter(TimeSpan max)
    {
        DateTime? outer = t_deadline;
        DateTime deadline = DateTime.UtcNow + max;
        t_deadline = outer is { } o && o < deadline ? o : deadline;
        return outer;
    }

    public static void Exit(DateTime? outer) => t_deadline = outer;
}
