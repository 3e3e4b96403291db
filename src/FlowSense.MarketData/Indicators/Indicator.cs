namespace FlowSense.MarketData.Indicators;

/// <summary>
/// What every indicator reports, following LEAN's indicator contract: the current <see cref="Value"/>, how many
/// inputs it has seen (<see cref="Samples"/>), how many it needs before its value means anything
/// (<see cref="WarmUpPeriod"/>) and whether it has seen them (<see cref="IsReady"/>).
/// </summary>
/// <remarks>
/// Indicators are streaming: each update costs O(1) and allocates nothing (every window is allocated at
/// construction). They work in <see cref="double"/> because they sit at the edge of the engine, after bars have
/// been built from fixed-point trades. Until the indicator is ready <see cref="Value"/> is <see cref="double.NaN"/>,
/// as TA-Lib emits no output during its look-back, rather than a partial figure that looks like a real one.
/// </remarks>
public abstract class Indicator
{
    /// <summary>Creates an indicator that is ready after <paramref name="warmUpPeriod"/> inputs.</summary>
    protected Indicator(int warmUpPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(warmUpPeriod, 1);
        WarmUpPeriod = warmUpPeriod;
    }

    /// <summary>The current value; <see cref="double.NaN"/> until <see cref="IsReady"/>.</summary>
    public double Value { get; protected set; } = double.NaN;

    /// <summary>How many inputs this indicator has received since construction or the last <see cref="Reset"/>.</summary>
    public long Samples { get; protected set; }

    /// <summary>How many inputs the indicator needs before <see cref="IsReady"/> turns true.</summary>
    public int WarmUpPeriod { get; }

    /// <summary>True once <see cref="WarmUpPeriod"/> inputs have been received.</summary>
    public bool IsReady => Samples >= WarmUpPeriod;

    /// <summary>Returns the indicator to its state at construction.</summary>
    public virtual void Reset()
    {
        Value = double.NaN;
        Samples = 0;
    }

    /// <summary>Validates a look-back period given to a constructor.</summary>
    protected static int RequirePeriod(int period, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1, name);
        return period;
    }
}
