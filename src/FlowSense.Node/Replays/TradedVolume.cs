namespace FlowSense.Node.Replays;

/// <summary>
/// What a replay's discovery pass saw an instrument trade: the total size of its trades in raw size units, and on how
/// many calendar days (UTC) it traded. Feeds the average daily volume VPIN buckets are sized from.
/// </summary>
internal sealed class TradedVolume
{
    private const long NsPerDay = 86_400_000_000_000;
    private readonly HashSet<long> _days = [];
    private long _lastDay = long.MinValue;

    /// <summary>Total size of the instrument's trades, raw units.</summary>
    public long Volume { get; private set; }

    /// <summary>Trades seen.</summary>
    public long Trades { get; private set; }

    /// <summary>Distinct UTC dates with trades (a 31-second capture trades on one day).</summary>
    public int Days => _days.Count;

    /// <summary>The average daily volume in raw units; 0 without trades.</summary>
    public long AverageDailyVolume => Days == 0 ? 0 : Volume / Days;

    public void Add(long timeNs, long size)
    {
        if (size <= 0)
            return;
        Volume = Volume > long.MaxValue - size ? long.MaxValue : Volume + size;
        Trades++;
        long day = timeNs / NsPerDay;
        if (day != _lastDay) // consecutive trades are almost always on the same day: skip the set then
        {
            _days.Add(day);
            _lastDay = day;
        }
    }
}
