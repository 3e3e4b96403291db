using System.Buffers.Binary;
using System.Text;

namespace FlowSense.Sinks.PostgreSql.BinaryCopy;

/// <summary>
/// Encodes rows in PostgreSQL's binary COPY format straight into a reusable byte buffer: each row is a field count,
/// then per field a big-endian length (-1 for NULL) and the value in the type's binary send format. Rows are
/// independent, so the sink can send any subset of the encoded rows (by <see cref="RowStart"/> offsets) to any
/// COPY of the same columns. The buffer only grows (doubling), so a writer reused batch after batch allocates
/// nothing in steady state. Not thread-safe: one batch, one writer.
/// </summary>
public sealed class CopyRowWriter
{
    /// <summary>The 19 bytes every binary COPY stream starts with: signature, flags (none), extension length (0).</summary>
    public static ReadOnlyMemory<byte> Header { get; } = new byte[] { (byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0 };

    /// <summary>The trailer that ends a binary COPY stream: a field count of -1.</summary>
    public static ReadOnlyMemory<byte> Trailer { get; } = new byte[] { 0xFF, 0xFF };

    private const uint Int8Oid = 20; // pg_type oid of bigint, written into array headers
    private const short NumericPositive = 0x0000;
    private const short NumericNegative = 0x4000;

    private byte[] _buffer;
    private int _length;

    /// <param name="initialCapacity">Bytes to start with; a batch of rows that needs more doubles it once and keeps it.</param>
    public CopyRowWriter(int initialCapacity = 1 << 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 64);
        _buffer = new byte[initialCapacity];
    }

    /// <summary>The bytes encoded so far (rows only, without header or trailer).</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    /// <summary>Where the next row will start: record it before <see cref="StartRow"/> to send rows selectively.</summary>
    public int RowStart => _length;

    /// <summary>Forgets every row, keeping the buffer.</summary>
    public void Reset() => _length = 0;

    /// <summary>Starts a row of <paramref name="fieldCount"/> fields; exactly that many field writes must follow.</summary>
    public void StartRow(int fieldCount) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), checked((short)fieldCount));

    /// <summary>A NULL field.</summary>
    public void WriteNull() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    /// <summary>A <c>smallint</c>.</summary>
    public void WriteInt16(short value)
    {
        Span<byte> span = Reserve(6);
        BinaryPrimitives.WriteInt32BigEndian(span, 2);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], value);
    }

    /// <summary>An <c>integer</c>.</summary>
    public void WriteInt32(int value)
    {
        Span<byte> span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
    }

    /// <summary>A <c>bigint</c>.</summary>
    public void WriteInt64(long value)
    {
        Span<byte> span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
    }

    /// <summary>A <c>double precision</c> (NaN and infinities included: the send format is the IEEE bits).</summary>
    public void WriteDouble(double value)
    {
        Span<byte> span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteDoubleBigEndian(span[4..], value);
    }

    /// <summary>A <c>text</c> field in UTF-8 (the database's encoding), or NULL for a null string.</summary>
    public void WriteText(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        int maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> span = Reserve(4 + maxBytes);
        int bytes = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, bytes);
        _length -= maxBytes - bytes; // give back what the worst case reserved
    }

    /// <summary>A one-dimensional <c>bigint[]</c> without NULLs (an empty span is the empty array).</summary>
    public void WriteInt64Array(ReadOnlySpan<long> values)
    {
        int dimensions = values.IsEmpty ? 0 : 1;
        int bodyLength = 12 + (dimensions * 8) + (values.Length * 12);
        Span<byte> span = Reserve(4 + bodyLength);
        BinaryPrimitives.WriteInt32BigEndian(span, bodyLength);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], dimensions);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], 0); // no NULL elements
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], Int8Oid);
        int at = 16;
        if (dimensions == 1)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[at..], values.Length);
            BinaryPrimitives.WriteInt32BigEndian(span[(at + 4)..], 1); // lower bound
            at += 8;
        }

        foreach (long value in values)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[at..], 8);
            BinaryPrimitives.WriteInt64BigEndian(span[(at + 4)..], value);
            at += 12;
        }
    }

    /// <summary>
    /// A whole number as <c>numeric</c>: sign, weight and base-10000 digits, most significant first, scale 0.
    /// Trailing zero digit groups are left out, as PostgreSQL does itself (the weight keeps the magnitude).
    /// </summary>
    public void WriteNumeric(Int128 value)
    {
        UInt128 magnitude = value < 0 ? (UInt128)(-(value + 1)) + 1 : (UInt128)value; // no overflow at MinValue
        Span<short> groups = stackalloc short[10]; // 2^127 < 10^40: at most 10 groups of 4 decimal digits
        int count = 0;
        while (magnitude != 0)
        {
            groups[count++] = (short)(ushort)(magnitude % 10_000);
            magnitude /= 10_000;
        }

        short weight = (short)(count == 0 ? 0 : count - 1);
        int lowest = 0;
        while (lowest < count && groups[lowest] == 0)
            lowest++; // trailing zero groups (least significant) are implied by the weight

        int digits = count - lowest;
        Span<byte> span = Reserve(4 + 8 + (digits * 2));
        BinaryPrimitives.WriteInt32BigEndian(span, 8 + (digits * 2));
        BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)digits);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], weight);
        BinaryPrimitives.WriteInt16BigEndian(span[8..], value < 0 ? NumericNegative : NumericPositive);
        BinaryPrimitives.WriteInt16BigEndian(span[10..], 0); // display scale
        for (int i = 0; i < digits; i++)
            BinaryPrimitives.WriteInt16BigEndian(span[(12 + (i * 2))..], groups[count - 1 - i]);
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
            Grow(bytes);
        Span<byte> span = _buffer.AsSpan(_length, bytes);
        _length += bytes;
        return span;
    }

    private void Grow(int bytes)
    {
        int capacity = Math.Max(_buffer.Length * 2, _length + bytes);
        Array.Resize(ref _buffer, capacity);
    }
}
