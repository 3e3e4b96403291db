namespace FlowSense.Feeds.Capture;

/// <summary>
/// One parsed capture line. The spans point into the reader's buffer and are valid only until the next read; copy
/// what must outlive it.
/// </summary>
/// <param name="LineNumber">1-based line number in the capture (the quarantine position of anything refused later).</param>
/// <param name="ReceiveTimeNs">Local receive time, ns since the Unix epoch; 0 when the line carries no timestamp.</param>
/// <param name="Kind">Received, sent, connect marker or REST response.</param>
/// <param name="Url">The URL for sent frames, connect markers and REST responses; empty for received messages.</param>
/// <param name="Payload">The message bytes (JSON), empty for connect markers.</param>
public readonly ref struct CaptureRecord(long LineNumber, long ReceiveTimeNs, CaptureLineKind Kind, ReadOnlySpan<byte> Url, ReadOnlySpan<byte> Payload)
{
    public long LineNumber { get; } = LineNumber;
    public long ReceiveTimeNs { get; } = ReceiveTimeNs;
    public CaptureLineKind Kind { get; } = Kind;
    public ReadOnlySpan<byte> Url { get; } = Url;
    public ReadOnlySpan<byte> Payload { get; } = Payload;
}
