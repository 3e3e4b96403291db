namespace FlowSense.Feeds.Itch;

/// <summary>What an <see cref="ItchStreamReader"/> has read: messages by type, bytes, and rejected frames by reason.</summary>
public sealed class ItchReadStats
{
    private readonly long[] _byType = new long[256];

    public long Messages { get; private set; }
    public long Bytes { get; internal set; }
    public long UnknownType { get; private set; }
    public long Truncated { get; private set; }
    /// <summary>Bytes left unread because the stream could not be re-framed (or ended inside a frame).</summary>
    public long UnframeableBytes { get; internal set; }

    public long Count(ItchMessageType type) => _byType[(byte)type];

    public long Rejected => UnknownType + Truncated + (UnframeableBytes > 0 ? 1 : 0);

    internal void CountMessage(byte type)
    {
        _byType[type]++;
        Messages++;
    }

    internal void CountRejected(ItchFrameStatus status)
    {
        if (status == ItchFrameStatus.UnknownType) UnknownType++;
        else if (status == ItchFrameStatus.Truncated) Truncated++;
    }
}
