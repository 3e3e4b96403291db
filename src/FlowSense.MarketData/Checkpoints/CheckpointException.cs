namespace FlowSense.MarketData.Checkpoints;

/// <summary>
/// A checkpoint could not be restored: it is truncated, corrupt (a checksum, tag or invariant does not hold),
/// written by newer code, or does not fit the instance it is restored into (a different window or level count).
/// The instance being restored is then in an undefined state and must be discarded, never used.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates an exception about <paramref name="section"/> at byte <paramref name="offset"/>.</summary>
    public CheckpointException(CheckpointSection section, long offset, string message)
        : base($"Checkpoint section {Describe(section)} at byte {offset}: {message}")
    {
        Section = section;
        Offset = offset;
    }

    /// <summary>Creates an exception with a message only (prefer the constructor that names the section).</summary>
    public CheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public CheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no detail.</summary>
    public CheckpointException()
    {
    }

    /// <summary>The innermost section being read when the problem was found (<see cref="CheckpointSection.None"/> for the envelope).</summary>
    public CheckpointSection Section { get; }

    /// <summary>The byte offset in the checkpoint where the problem was found.</summary>
    public long Offset { get; }

    private static string Describe(CheckpointSection section) =>
        Enum.IsDefined(section) ? section.ToString() : $"0x{(ushort)section:X4}";
}
