namespace FlowSense.Feeds.Itch;

/// <summary>
/// One framed ITCH 5.0 message: its type and its bytes (type byte included), borrowed from the reader's buffer and
/// valid only during the callback. Construct the matching view, e.g. <c>new ItchAddOrder(message.Bytes)</c>.
/// </summary>
public readonly ref struct ItchMessage(ReadOnlySpan<byte> bytes, long index)
{
    public ReadOnlySpan<byte> Bytes { get; } = bytes;

    /// <summary>The 0-based position of this message in its stream: the sequence number ITCH files lack.</summary>
    public long Index { get; } = index;

    public ItchMessageType Type => (ItchMessageType)Bytes[0];
}

/// <summary>Receives each well-formed ITCH message. On a struct the reader's generic loop is specialized and the call devirtualized.</summary>
public interface IItchMessageHandler
{
    void OnMessage(in ItchMessage message);
}
