using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace FlowSense.MarketData.Checkpoints;

/// <summary>
/// Reads a checkpoint written by <see cref="CheckpointWriter"/>. State types restore themselves through it
/// (<c>RestoreCheckpoint(ref CheckpointReader)</c>) in the order they were written. Every problem — too few bytes,
/// an unexpected tag, a version newer than the code, a CRC mismatch, a value that breaks an invariant — throws a
/// <see cref="CheckpointException"/> that names the innermost open section and the byte offset.
/// </summary>
public ref struct CheckpointReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private uint _crc;
    private OpenSections _open;
    private int _depth;

    /// <summary>Starts reading <paramref name="data"/>: checks the envelope (magic and format version).</summary>
    /// <exception cref="CheckpointException">The data is not a checkpoint, or its framing is newer than this code.</exception>
    public CheckpointReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _crc = CheckpointFormat.CrcSeed;
        if (data.Length < 6 || BinaryPrimitives.ReadUInt32LittleEndian(data) != CheckpointFormat.Magic)
            throw Corrupt("not a checkpoint (no FSCK magic)");
        ushort format = BinaryPrimitives.ReadUInt16LittleEndian(data[4..]);
        if (format != CheckpointFormat.FormatVersion)
            throw Corrupt($"format version {format}; this code reads version {CheckpointFormat.FormatVersion}");
        _position = 6;
    }

    /// <summary>The offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>The innermost section being read (<see cref="CheckpointSection.None"/> outside every section).</summary>
    public readonly CheckpointSection CurrentSection => _depth == 0 ? CheckpointSection.None : _open[_depth - 1].Section;

    /// <summary>
    /// Opens the next section, which must be <paramref name="expected"/> at a version no newer than
    /// <paramref name="newestKnown"/>; returns its version so the caller reads the fields that version has.
    /// </summary>
    public byte BeginSection(CheckpointSection expected, byte newestKnown)
    {
        if (_depth == CheckpointFormat.MaxDepth)
            throw Corrupt($"sections nest deeper than {CheckpointFormat.MaxDepth}");
        int start = _position;
        if (_data.Length - start < CheckpointFormat.HeaderSize)
            throw new CheckpointException(expected, start, $"truncated: the section's header needs {CheckpointFormat.HeaderSize} bytes, {_data.Length - start} left");
        uint outer = _crc;
        _crc = CheckpointFormat.CrcSeed;
        ushort tag = ReadUInt16();
        if (tag != (ushort)expected)
        {
            string found = tag == CheckpointFormat.EndTag ? "the end of the checkpoint" : $"section {Describe((CheckpointSection)tag)}";
            throw new CheckpointException(expected, start, $"expected this section, found {found}");
        }
        _open[_depth++] = new OpenSection { Section = expected, OuterCrc = outer };
        byte version = ReadByte();
        if (version == 0 || version > newestKnown)
            throw Corrupt($"version {version}; this code reads versions 1 to {newestKnown} (written by newer code, or corrupt)");
        return version;
    }

    /// <summary>Closes the innermost section: checks its trailer tag and the CRC of everything read in it.</summary>
    public void EndSection()
    {
        if (_depth == 0)
            throw new InvalidOperationException("No checkpoint section is open.");
        uint crc = ~_crc;
        ReadOnlySpan<byte> trailer = Take(CheckpointFormat.TrailerSize);
        CheckpointSection section = _open[_depth - 1].Section;
        if (BinaryPrimitives.ReadUInt16LittleEndian(trailer) != (ushort)section)
            throw Corrupt("the section does not end where its fields do (wrong trailer tag): corrupt, or fields added without a version bump");
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer[2..]) != crc)
            throw Corrupt("CRC-32C mismatch: the section's bytes are corrupt");
        _crc = _open[--_depth].OuterCrc;
    }

    /// <summary>Checks that the checkpoint ends here (end tag, and nothing after it).</summary>
    public void Complete()
    {
        if (_depth != 0)
            throw Corrupt("the section was never ended");
        int at = _position;
        if (ReadUInt16() != CheckpointFormat.EndTag)
            throw new CheckpointException(CheckpointSection.None, at, "expected the end of the checkpoint, found more sections");
        if (_position != _data.Length)
            throw Corrupt($"{_data.Length - _position} bytes after the end of the checkpoint");
    }

    public byte ReadByte()
    {
        byte value = Take(1)[0];
        _crc = CheckpointFormat.Crc(_crc, value);
        return value;
    }

    /// <summary>Reads a boolean, refusing any byte other than 0 or 1.</summary>
    public bool ReadBoolean()
    {
        byte value = ReadByte();
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw Corrupt($"a boolean holds {value}"),
        };
    }

    public ushort ReadUInt16()
    {
        ushort value = BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
        _crc = CheckpointFormat.Crc(_crc, value);
        return value;
    }

    public int ReadInt32()
    {
        int value = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
        _crc = CheckpointFormat.Crc(_crc, (uint)value);
        return value;
    }

    public long ReadInt64()
    {
        long value = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
        _crc = CheckpointFormat.Crc(_crc, (ulong)value);
        return value;
    }

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    public Int128 ReadInt128()
    {
        ulong low = (ulong)ReadInt64();
        ulong high = (ulong)ReadInt64();
        return (Int128)(new UInt128(high, low));
    }

    /// <summary>Reads a string written by <see cref="CheckpointWriter.WriteString"/>, refusing bytes that are not UTF-8.</summary>
    public string ReadString()
    {
        int length = ReadLength(1, "a string's byte count");
        ReadOnlySpan<byte> bytes = Take(length);
        foreach (byte b in bytes)
            _crc = CheckpointFormat.Crc(_crc, b);
        if (!Utf8.IsValid(bytes))
            throw Corrupt("a string is not valid UTF-8");
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// Reads a string and reports whether it equals <paramref name="expected"/>, without allocating when it does
    /// (restoring a book checks its instrument this way); <paramref name="stored"/> is the string read, or null
    /// when it matched.
    /// </summary>
    public bool ReadStringEquals(string expected, out string? stored)
    {
        ArgumentNullException.ThrowIfNull(expected);
        int start = _position;
        int length = ReadLength(1, "a string's byte count");
        ReadOnlySpan<byte> bytes = Take(length);
        foreach (byte b in bytes)
            _crc = CheckpointFormat.Crc(_crc, b);
        Span<byte> encoded = stackalloc byte[512];
        if (Encoding.UTF8.GetByteCount(expected) == length && length <= encoded.Length
            && bytes.SequenceEqual(encoded[..Encoding.UTF8.GetBytes(expected, encoded)]))
        {
            stored = null;
            return true;
        }
        if (!Utf8.IsValid(bytes))
            throw new CheckpointException(CurrentSection, start, "a string is not valid UTF-8");
        stored = Encoding.UTF8.GetString(bytes);
        return false;
    }

    public void ReadInt64s(scoped Span<long> destination)
    {
        for (int i = 0; i < destination.Length; i++)
            destination[i] = ReadInt64();
    }

    public void ReadDoubles(scoped Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
            destination[i] = ReadDouble();
    }

    /// <summary>Reads a count and checks it lies in [0, <paramref name="max"/>].</summary>
    public int ReadCount(int max, string what)
    {
        int count = ReadInt32();
        if (count < 0 || count > max)
            throw Corrupt($"{what} is {count}, outside 0..{max}");
        return count;
    }

    /// <summary>
    /// Reads a count of items that take at least <paramref name="bytesPerItem"/> bytes each, refusing one that is
    /// negative or that the remaining bytes cannot hold (so corrupt counts never drive a huge allocation).
    /// </summary>
    public int ReadLength(int bytesPerItem, string what) => ReadCount((_data.Length - _position) / Math.Max(1, bytesPerItem), what);

    /// <summary>Reads a value that must equal what the instance was configured with (a window, a level count).</summary>
    public void ReadExpected(long configured, string what)
    {
        long stored = ReadInt64();
        if (stored != configured)
            throw Corrupt($"{what} is {stored} in the checkpoint but {configured} in the instance restored into");
    }

    /// <summary>Like <see cref="ReadExpected(long, string)"/> for a double parameter, compared bit for bit.</summary>
    public void ReadExpected(double configured, string what)
    {
        double stored = ReadDouble();
        if (BitConverter.DoubleToInt64Bits(stored) != BitConverter.DoubleToInt64Bits(configured))
            throw Corrupt($"{what} is {stored} in the checkpoint but {configured} in the instance restored into");
    }

    /// <summary>An exception about the current section and position, for a restore that finds a broken invariant.</summary>
    public readonly CheckpointException Corrupt(string message) => new(CurrentSection, _position, message);

    private ReadOnlySpan<byte> Take(int size)
    {
        if (_data.Length - _position < size)
            throw Corrupt($"truncated: {size} more bytes needed, {_data.Length - _position} left");
        ReadOnlySpan<byte> span = _data.Slice(_position, size);
        _position += size;
        return span;
    }

    private static string Describe(CheckpointSection section) =>
        Enum.IsDefined(section) ? section.ToString() : $"0x{(ushort)section:X4}";
}
