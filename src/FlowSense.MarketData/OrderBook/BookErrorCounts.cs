using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.OrderBook;

/// <summary>
/// Per-book counts of everything that went wrong, by category. Counting (rather than throwing) keeps a bad message
/// from stopping a feed loop while leaving a visible trace for monitoring and tests.
/// </summary>
public sealed class BookErrorCounts : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    /// <summary>Events that referenced an order id the book does not hold.</summary>
    public long UnknownOrder { get; private set; }

    /// <summary>Adds whose id was already resting.</summary>
    public long DuplicateOrderId { get; private set; }

    /// <summary>Zero or negative sizes where a positive size is required.</summary>
    public long InvalidSize { get; private set; }

    /// <summary>Cancels or executions larger than what rests.</summary>
    public long Overfill { get; private set; }

    /// <summary>Updates or deletes of a level that does not exist.</summary>
    public long MissingLevel { get; private set; }

    /// <summary>Events whose action the book does not know.</summary>
    public long MalformedEvent { get; private set; }

    /// <summary>Events that crossed the book, whatever the policy did about it.</summary>
    public long Crossed { get; private set; }

    /// <summary>Opposite levels removed by <see cref="CrossedBookPolicy.ClearStaleLevels"/>.</summary>
    public long StaleLevelsCleared { get; private set; }

    /// <summary>Sequence gaps seen (each gap counts once, however many numbers it skipped).</summary>
    public long SequenceGaps { get; private set; }

    /// <summary>Events ignored because their sequence was already applied.</summary>
    public long DuplicateSequence { get; private set; }

    /// <summary>The sum of all refusals and anomalies above.</summary>
    public long Total => UnknownOrder + DuplicateOrderId + InvalidSize + Overfill + MissingLevel + MalformedEvent + Crossed + SequenceGaps + DuplicateSequence;

    /// <summary>Counts a refusal result in its category; results that are not refusals are ignored.</summary>
    internal ApplyResult Count(ApplyResult result)
    {
        switch (result)
        {
            case ApplyResult.UnknownOrder: UnknownOrder++; break;
            case ApplyResult.DuplicateOrderId: DuplicateOrderId++; break;
            case ApplyResult.InvalidSize: InvalidSize++; break;
            case ApplyResult.Overfill: Overfill++; break;
            case ApplyResult.MissingLevel: MissingLevel++; break;
            case ApplyResult.MalformedEvent: MalformedEvent++; break;
            case ApplyResult.Duplicate: DuplicateSequence++; break;
            case ApplyResult.RejectedCrossed:
            case ApplyResult.AppliedCrossed: Crossed++; break;
            case ApplyResult.AppliedAfterGap: SequenceGaps++; break;
        }
        return result;
    }

    internal void CountStaleLevelsCleared(int levels)
    {
        Crossed++;
        StaleLevelsCleared += levels;
    }

    /// <inheritdoc />
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.BookErrorCounts, CheckpointVersion);
        writer.WriteInt64(UnknownOrder);
        writer.WriteInt64(DuplicateOrderId);
        writer.WriteInt64(InvalidSize);
        writer.WriteInt64(Overfill);
        writer.WriteInt64(MissingLevel);
        writer.WriteInt64(MalformedEvent);
        writer.WriteInt64(Crossed);
        writer.WriteInt64(StaleLevelsCleared);
        writer.WriteInt64(SequenceGaps);
        writer.WriteInt64(DuplicateSequence);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.BookErrorCounts, CheckpointVersion);
        UnknownOrder = reader.ReadInt64();
        DuplicateOrderId = reader.ReadInt64();
        InvalidSize = reader.ReadInt64();
        Overfill = reader.ReadInt64();
        MissingLevel = reader.ReadInt64();
        MalformedEvent = reader.ReadInt64();
        Crossed = reader.ReadInt64();
        StaleLevelsCleared = reader.ReadInt64();
        SequenceGaps = reader.ReadInt64();
        DuplicateSequence = reader.ReadInt64();
        reader.EndSection();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"unknown order {UnknownOrder}, duplicate id {DuplicateOrderId}, invalid size {InvalidSize}, overfill {Overfill}, " +
        $"missing level {MissingLevel}, malformed {MalformedEvent}, crossed {Crossed} (stale levels cleared {StaleLevelsCleared}), " +
        $"sequence gaps {SequenceGaps}, duplicate sequence {DuplicateSequence}";
}
