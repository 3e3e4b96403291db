using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.OrderBook;

/// <summary>How a sequence number relates to the ones seen before it.</summary>
public enum SequenceCheck : byte
{
    /// <summary>The event carries no sequence (0): nothing to check.</summary>
    Unsequenced = 0,
    /// <summary>The next number (or the first one seen, or another event of the batch in progress).</summary>
    InOrder = 1,
    /// <summary>Numbers were skipped: events were lost and the state built from them is suspect.</summary>
    Gap = 2,
    /// <summary>At or below the last number seen: a replay or a late duplicate.</summary>
    Duplicate = 3,
}

/// <summary>
/// Follows a venue's per-stream sequence numbers (contiguous, increasing by one) and classifies each new one.
/// A gap advances the tracker (so the gap is reported once); a duplicate leaves it where it was.
/// The rule is also offered over a bare <c>long</c> (<see cref="Observe(ref long, long, bool)"/>), for owners that keep
/// several streams' last numbers side by side in one object rather than one tracker object each.
/// </summary>
public sealed class SequenceTracker : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private long _last;

    /// <summary>The last sequence accepted; 0 before the first one.</summary>
    public long Last => _last;

    /// <summary>Classifies <paramref name="sequence"/> and, unless it is a duplicate, records it as the last one.</summary>
    /// <param name="sequence">The event's sequence number; 0 means the event has none.</param>
    /// <param name="continuesBatch">
    /// The event belongs to the same venue message as the previous one (an L2 batch shares one number),
    /// so a repeat of the last number is expected rather than a duplicate.
    /// </param>
    public SequenceCheck Observe(long sequence, bool continuesBatch = false) => Observe(ref _last, sequence, continuesBatch);

    /// <summary>
    /// <see cref="Observe(long, bool)"/> for a stream whose last accepted sequence (0 before the first) is
    /// <paramref name="last"/>, which it updates.
    /// </summary>
    public static SequenceCheck Observe(ref long last, long sequence, bool continuesBatch = false)
    {
        if (sequence == 0)
            return SequenceCheck.Unsequenced;
        if (last == 0 || sequence == last + 1 || (continuesBatch && sequence == last))
        {
            last = sequence;
            return SequenceCheck.InOrder;
        }
        if (sequence <= last)
            return SequenceCheck.Duplicate;
        last = sequence;
        return SequenceCheck.Gap;
    }

    /// <summary>Starts again after a snapshot taken at <paramref name="sequence"/> (0: accept whatever comes next).</summary>
    public void Reset(long sequence) => _last = sequence;

    /// <inheritdoc />
    public void WriteCheckpoint(ref CheckpointWriter writer) => WriteCheckpoint(ref writer, _last);

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader) => _last = ReadCheckpoint(ref reader);

    /// <summary>Writes the section a tracker whose last sequence is <paramref name="last"/> writes.</summary>
    public static void WriteCheckpoint(ref CheckpointWriter writer, long last)
    {
        writer.BeginSection(CheckpointSection.SequenceTracker, CheckpointVersion);
        writer.WriteInt64(last);
        writer.EndSection();
    }

    /// <summary>Reads a tracker's section and returns its last sequence.</summary>
    public static long ReadCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.SequenceTracker, CheckpointVersion);
        long last = reader.ReadInt64();
        reader.EndSection();
        return last;
    }
}
