namespace FlowSense.MarketData.Checkpoints;

/// <summary>
/// Stateful market-data calculators that can save their complete state and read it back exactly, so a symbol
/// actor restarted from a checkpoint continues as if it had never stopped (see <see cref="CheckpointFormat"/>).
/// </summary>
/// <remarks>
/// Configuration (windows, levels, options, fitted tables) is not state: the instance restored into is constructed
/// with the same configuration as the one that wrote the checkpoint. Its shape (capacities, periods) is recorded
/// and checked, so a mismatch fails loudly rather than restoring into a window of another length.
/// </remarks>
public interface ICheckpointState
{
    /// <summary>Writes the complete state as one section. Allocates nothing beyond the writer's output.</summary>
    void WriteCheckpoint(ref CheckpointWriter writer);

    /// <summary>
    /// Replaces the whole state of this instance with the next section of <paramref name="reader"/>. On a
    /// <see cref="CheckpointException"/> the instance is left in an undefined state and must be discarded.
    /// </summary>
    void RestoreCheckpoint(ref CheckpointReader reader);
}
