using System.Buffers.Binary;
using System.Text;
using FlowSense.Feeds.Itch;

namespace FlowSense.Feeds.Tests.Itch;

/// <summary>Writes ITCH 5.0 messages field by field, at the specification's offsets, for decoding tests.</summary>
internal sealed class ItchBytes
{
    private readonly byte[] _m;

    public ItchBytes(ItchMessageType type, ushort locate = 7, ushort tracking = 3, long timestamp = 34_200_123_456_789)
    {
        _m = new byte[ItchMessageLength.Of((byte)type)];
        _m[0] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(_m.AsSpan(1), locate);
        BinaryPrimitives.WriteUInt16BigEndian(_m.AsSpan(3), tracking);
        BinaryPrimitives.WriteUInt16BigEndian(_m.AsSpan(5), (ushort)(timestamp >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(_m.AsSpan(7), (uint)timestamp);
    }

    public ItchBytes U8(int offset, char value) { _m[offset] = (byte)value; return this; }
    public ItchBytes U16(int offset, ushort value) { BinaryPrimitives.WriteUInt16BigEndian(_m.AsSpan(offset), value); return this; }
    public ItchBytes U32(int offset, uint value) { BinaryPrimitives.WriteUInt32BigEndian(_m.AsSpan(offset), value); return this; }
    public ItchBytes U64(int offset, ulong value) { BinaryPrimitives.WriteUInt64BigEndian(_m.AsSpan(offset), value); return this; }

    public ItchBytes Alpha(int offset, int length, string value)
    {
        var field = _m.AsSpan(offset, length);
        field.Fill((byte)' ');
        Encoding.ASCII.GetBytes(value, field);
        return this;
    }

    public byte[] Message => _m;

    /// <summary>The message with its 2-byte big-endian length prefix.</summary>
    public byte[] Frame()
    {
        var frame = new byte[_m.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)_m.Length);
        _m.CopyTo(frame, 2);
        return frame;
    }
}
