namespace FlowSense.Feeds.Capture;

/// <summary>What a <see cref="CaptureReader"/> has read, line by line.</summary>
public sealed class CaptureStats
{
    public long Lines { get; internal set; }
    public long Received { get; internal set; }
    public long Sent { get; internal set; }
    public long Connected { get; internal set; }
    public long RestResponses { get; internal set; }
    public long Configurations { get; internal set; }
    /// <summary>Empty lines (the recorders end files with one); skipped, not errors.</summary>
    public long Blank { get; internal set; }
    /// <summary>Lines matching none of the capture forms; quarantined as <c>unrecognized-line</c>.</summary>
    public long Unrecognized { get; internal set; }
    /// <summary>Lines longer than the reader's bound; quarantined (first bytes only) as <c>line-too-long</c>.</summary>
    public long TooLong { get; internal set; }

    internal void Count(CaptureLineKind kind)
    {
        switch (kind)
        {
            case CaptureLineKind.Received: Received++; break;
            case CaptureLineKind.Sent: Sent++; break;
            case CaptureLineKind.Connected: Connected++; break;
            case CaptureLineKind.RestResponse: RestResponses++; break;
            case CaptureLineKind.Configuration: Configurations++; break;
        }
    }
}
