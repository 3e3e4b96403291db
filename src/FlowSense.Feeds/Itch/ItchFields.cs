using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace FlowSense.Feeds.Itch;

/// <summary>
/// Field decoding shared by every ITCH 5.0 message: integers are big-endian, prices are 4-decimal fixed point
/// (8-decimal for the MWCB levels), alphanumeric fields are left-justified and space-padded ASCII.
/// Every message starts with type (offset 0), stock locate (1), tracking number (3) and a 6-byte timestamp (5):
/// nanoseconds since midnight.
/// </summary>
internal static class ItchFields
{
    public const int HeaderLength = 11;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort U16(ReadOnlySpan<byte> m, int offset) => BinaryPrimitives.ReadUInt16BigEndian(m[offset..]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint U32(ReadOnlySpan<byte> m, int offset) => BinaryPrimitives.ReadUInt32BigEndian(m[offset..]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong U64(ReadOnlySpan<byte> m, int offset) => BinaryPrimitives.ReadUInt64BigEndian(m[offset..]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long U48(ReadOnlySpan<byte> m, int offset) =>
        ((long)BinaryPrimitives.ReadUInt16BigEndian(m[offset..]) << 32) | BinaryPrimitives.ReadUInt32BigEndian(m[(offset + 2)..]);

    /// <summary>An alphanumeric field without its right padding.</summary>
    public static ReadOnlySpan<byte> Alpha(ReadOnlySpan<byte> m, int offset, int length) =>
        m.Slice(offset, length).TrimEnd((byte)' ');

    public static ushort StockLocate(ReadOnlySpan<byte> m) => U16(m, 1);

    public static ushort TrackingNumber(ReadOnlySpan<byte> m) => U16(m, 3);

    public static long Timestamp(ReadOnlySpan<byte> m) => U48(m, 5);
}
