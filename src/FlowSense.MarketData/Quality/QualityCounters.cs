using System.Collections.Concurrent;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Quality;

/// <summary>One line of a <see cref="QualityCounters"/> snapshot.</summary>
/// <param name="Checked">Events validated for this symbol.</param>
/// <param name="Rejected">Events rejected.</param>
/// <param name="ByIssue">Events that had each issue (an event with two issues counts under both).</param>
public sealed record SymbolQuality(InstrumentId Instrument, long Checked, long Rejected, IReadOnlyDictionary<QualityIssues, long> ByIssue)
{
    public long Count(QualityIssues issue) => ByIssue.TryGetValue(issue, out long n) ? n : 0;
}

/// <summary>
/// Per-symbol, per-issue counts of what the validators saw. Written by the validators (one writer per symbol is
/// the expected use, but increments are atomic), readable at any time as a <see cref="Snapshot"/>.
/// </summary>
public sealed class QualityCounters : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private const int CheckedSlot = 0;
    private const int RejectedSlot = 1;
    private const int FirstIssueSlot = 2;
    private static readonly int SlotCount = FirstIssueSlot + QualityIssueSeverity.All.Count;

    private readonly ConcurrentDictionary<InstrumentId, long[]> _bySymbol = new();

    /// <summary>Records one verdict for a symbol.</summary>
    public void Record(InstrumentId instrument, QualityVerdict verdict)
    {
        long[] slots = _bySymbol.GetOrAdd(instrument, static _ => new long[SlotCount]);
        Interlocked.Increment(ref slots[CheckedSlot]);
        if (verdict.IsRejected)
            Interlocked.Increment(ref slots[RejectedSlot]);
        for (uint bits = (uint)verdict.Issues; bits != 0; bits &= bits - 1)
            Interlocked.Increment(ref slots[FirstIssueSlot + System.Numerics.BitOperations.TrailingZeroCount(bits)]);
    }

    /// <summary>How many events of <paramref name="instrument"/> had <paramref name="issue"/>.</summary>
    public long Count(InstrumentId instrument, QualityIssues issue) =>
        _bySymbol.TryGetValue(instrument, out long[]? slots)
            ? Volatile.Read(ref slots[FirstIssueSlot + System.Numerics.BitOperations.TrailingZeroCount((uint)issue)])
            : 0;

    /// <summary>The counts of every symbol seen so far, ordered by symbol.</summary>
    public IReadOnlyList<SymbolQuality> Snapshot() =>
        [.. _bySymbol.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => ToLine(p.Key, p.Value))];

    /// <summary>
    /// Writes every symbol's counts, symbols in ordinal order. Sorting allocates: counters are checkpointed with a
    /// symbol's state, not on a hot path. Take the checkpoint while no validator is recording.
    /// </summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.QualityCounters, CheckpointVersion);
        writer.WriteInt64(SlotCount);
        InstrumentId[] instruments = InstrumentCheckpoint.Sorted(_bySymbol.Keys);
        writer.WriteInt32(instruments.Length);
        foreach (InstrumentId instrument in instruments)
        {
            InstrumentCheckpoint.Write(ref writer, instrument);
            long[] slots = _bySymbol[instrument];
            for (int i = 0; i < slots.Length; i++)
                writer.WriteInt64(Volatile.Read(ref slots[i]));
        }
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.QualityCounters, CheckpointVersion);
        reader.ReadExpected(SlotCount, "the number of counted issues");
        int symbols = reader.ReadLength(8 + 8 * SlotCount, "the symbol count");
        _bySymbol.Clear();
        for (int s = 0; s < symbols; s++)
        {
            InstrumentId instrument = InstrumentCheckpoint.Read(ref reader);
            var slots = new long[SlotCount];
            reader.ReadInt64s(slots);
            if (!_bySymbol.TryAdd(instrument, slots))
                throw reader.Corrupt($"{instrument} appears twice");
        }
        reader.EndSection();
    }

    private static SymbolQuality ToLine(InstrumentId instrument, long[] slots)
    {
        var byIssue = new Dictionary<QualityIssues, long>();
        for (int i = 0; i < QualityIssueSeverity.All.Count; i++)
        {
            long n = Volatile.Read(ref slots[FirstIssueSlot + i]);
            if (n != 0)
                byIssue[QualityIssueSeverity.All[i]] = n;
        }
        return new SymbolQuality(instrument, Volatile.Read(ref slots[CheckedSlot]), Volatile.Read(ref slots[RejectedSlot]), byIssue);
    }
}
