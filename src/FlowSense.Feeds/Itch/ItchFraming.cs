using System.Buffers.Binary;

namespace FlowSense.Feeds.Itch;

/// <summary>What <see cref="ItchFraming.TryReadFrame"/> found at the start of a buffer.</summary>
public enum ItchFrameStatus
{
    /// <summary>A complete, well-formed message.</summary>
    Message,
    /// <summary>The buffer ends inside a frame: read more bytes and try again.</summary>
    Incomplete,
    /// <summary>A frame whose type byte ITCH 5.0 does not define. It is skipped by its length prefix.</summary>
    UnknownType,
    /// <summary>A frame shorter than its type's specified length. It is skipped by its length prefix.</summary>
    Truncated,
    /// <summary>A zero length prefix on an unknown type: the stream cannot be re-framed from here.</summary>
    Unframeable,
}

/// <summary>
/// The file and SoupBinTCP-style framing of ITCH 5.0: each message is preceded by a 2-byte big-endian length
/// (NASDAQ's "BinaryFILE" format). Two tolerances, both deliberate:
/// <list type="bullet">
/// <item>A frame longer than its type's specified length is accepted and its extra bytes ignored, as NASDAQ
/// appends fields only at the end when a specification evolves.</item>
/// <item>A length prefix of 0 on a known type means "use the specification's length": the synthetic sample files
/// written by the RITCH package carry zero prefixes.</item>
/// </list>
/// </summary>
public static class ItchFraming
{
    public const int PrefixLength = 2;

    /// <param name="buffer">Bytes starting at a frame boundary.</param>
    /// <param name="message">The message bytes (type byte first) when the status is <see cref="ItchFrameStatus.Message"/>.</param>
    /// <param name="frameLength">Bytes to advance past this frame (prefix included); 0 when incomplete or unframeable.</param>
    public static ItchFrameStatus TryReadFrame(ReadOnlySpan<byte> buffer, out ReadOnlySpan<byte> message, out int frameLength)
    {
        message = default;
        frameLength = 0;
        if (buffer.Length < PrefixLength + 1)
            return ItchFrameStatus.Incomplete;

        int prefixed = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        int specified = ItchMessageLength.Of(buffer[PrefixLength]);
        int length = prefixed != 0 ? prefixed : specified;
        if (length == 0)
            return ItchFrameStatus.Unframeable;
        if (buffer.Length < PrefixLength + length)
            return ItchFrameStatus.Incomplete;

        frameLength = PrefixLength + length;
        if (specified == 0)
            return ItchFrameStatus.UnknownType;
        if (length < specified)
            return ItchFrameStatus.Truncated;

        message = buffer.Slice(PrefixLength, specified);
        return ItchFrameStatus.Message;
    }
}
