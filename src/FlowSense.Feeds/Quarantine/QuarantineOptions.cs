namespace FlowSense.Feeds.Quarantine;

/// <summary>Bounds of a <see cref="Quarantine"/>: it never grows without limit, whatever a feed sends.</summary>
public sealed record QuarantineOptions
{
    /// <summary>How many inputs are kept in memory; the oldest is evicted first.</summary>
    public int Capacity { get; init; } = 1024;

    /// <summary>Raw bytes kept per input; longer inputs are cut (their original length is recorded).</summary>
    public int MaxBytesPerInput { get; init; } = 4096;
}
