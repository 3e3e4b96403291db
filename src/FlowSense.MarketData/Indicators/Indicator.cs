using FlowSense.MarketData.Checkpoints;

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
public abstract class Indicator : ICheckpointState
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
    /// <summary>
    /// Writes the indicator as one section: its warm-up period (checked on restore), value and sample count, then
    /// its own state (<see cref="WriteState"/>), windows and inner indicators included.
    /// </summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointTag, CheckpointVersion);
        writer.WriteInt64(WarmUpPeriod);
        writer.WriteDouble(Value);
        writer.WriteInt64(Samples);
        WriteState(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        byte version = reader.BeginSection(CheckpointTag, CheckpointVersion);
        reader.ReadExpected(WarmUpPeriod, "the warm-up period");
        Value = reader.ReadDouble();
        Samples = reader.ReadInt64();
        if (Samples < 0)
            throw reader.Corrupt($"the sample count is {Samples}");
        RestoreState(ref reader, version);
        reader.EndSection();
    }

    /// <summary>The section tag of the concrete indicator.</summary>
    protected abstract CheckpointSection CheckpointTag { get; }

    /// <summary>The newest section version the concrete indicator writes; bump it when <see cref="WriteState"/> changes.</summary>
    protected virtual byte CheckpointVersion => 1;

    /// <summary>Writes what the concrete indicator holds beyond <see cref="Value"/> and <see cref="Samples"/>.</summary>
    protected abstract void WriteState(ref CheckpointWriter writer);

    /// <summary>Reads what <see cref="WriteState"/> wrote, as of section <paramref name="version"/>.</summary>
    protected abstract void RestoreState(ref CheckpointReader reader, byte version);

    protected static int RequirePeriod(int period, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1, name);
        return period;
    }
}
