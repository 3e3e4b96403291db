using System.Buffers;
using System.Buffers.Binary;

namespace FlowSense.MarketData.Checkpoints;

/// <summary>
/// Writes a checkpoint (see <see cref="CheckpointFormat"/>) into an <see cref="IBufferWriter{T}"/>. State types
/// write themselves through it (<c>WriteCheckpoint(ref CheckpointWriter)</c>), one section each. It allocates
/// nothing of its own: bytes go straight into spans the buffer writer lends, and are committed in chunks.
/// Call <see cref="Complete"/> at the end: until then the last bytes are not committed.
/// </summary>
public ref struct CheckpointWriter
{
    private const int ChunkSize = 512;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _chunk;
    private int _buffered;
    private uint _crc;
    private OpenSections _open;
    private int _depth;
    private bool _completed;

    /// <summary>Starts a checkpoint: writes the envelope (magic and format version).</summary>
    public CheckpointWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _crc = CheckpointFormat.CrcSeed;
        Span<byte> span = Reserve(6);
        BinaryPrimitives.WriteUInt32LittleEndian(span, CheckpointFormat.Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], CheckpointFormat.FormatVersion);
        Commit(6);
    }

    /// <summary>Bytes written so far (committed or buffered).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Opens a section: writes its tag and version. Every field until <see cref="EndSection"/> belongs to it.</summary>
    public void BeginSection(CheckpointSection section, byte version)
    {
        if (_depth == CheckpointFormat.MaxDepth)
            throw new InvalidOperationException($"Checkpoint sections nest deeper than {CheckpointFormat.MaxDepth}.");
        _open[_depth++] = new OpenSection { Section = section, OuterCrc = _crc };
        _crc = CheckpointFormat.CrcSeed;
        WriteUInt16((ushort)section);
        WriteByte(version);
    }

    /// <summary>Closes the innermost section: writes its tag again and the CRC-32C of its own bytes.</summary>
    public void EndSection()
    {
        if (_depth == 0)
            throw new InvalidOperationException("No checkpoint section is open.");
        OpenSection open = _open[--_depth];
        uint crc = ~_crc;
        Span<byte> span = Reserve(CheckpointFormat.TrailerSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)open.Section);
        BinaryPrimitives.WriteUInt32LittleEndian(span[2..], crc);
        Commit(CheckpointFormat.TrailerSize);
        _crc = open.OuterCrc;
    }

    /// <summary>Ends the checkpoint (writes the end tag) and commits every buffered byte to the output.</summary>
    public void Complete()
    {
        if (_depth != 0)
            throw new InvalidOperationException($"Checkpoint section {_open[_depth - 1].Section} was never ended.");
        if (_completed)
            return;
        WriteUInt16(CheckpointFormat.EndTag);
        Flush();
        _completed = true;
    }

    public void WriteByte(byte value)
    {
        Reserve(1)[0] = value;
        Commit(1);
        _crc = CheckpointFormat.Crc(_crc, value);
    }

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);
        Commit(2);
        _crc = CheckpointFormat.Crc(_crc, value);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
        Commit(4);
        _crc = CheckpointFormat.Crc(_crc, (uint)value);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
        Commit(8);
        _crc = CheckpointFormat.Crc(_crc, (ulong)value);
    }

    /// <summary>Writes the raw bits, so the value (NaN payload, −0 included) reads back identical.</summary>
    public void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    /// <summary>Writes the low 64 bits, then the high 64 bits.</summary>
    public void WriteInt128(Int128 value)
    {
        WriteInt64((long)(ulong)value);
        WriteInt64((long)(ulong)(value >> 64));
    }

    /// <summary>Writes the values, without a length (the reader knows it from a count written before).</summary>
    public void WriteInt64s(ReadOnlySpan<long> values)
    {
        foreach (long value in values)
            WriteInt64(value);
    }

    /// <summary>Writes the values' raw bits, without a length.</summary>
    public void WriteDoubles(ReadOnlySpan<double> values)
    {
        foreach (double value in values)
            WriteDouble(value);
    }

    private Span<byte> Reserve(int size)
    {
        if (_chunk.Length - _buffered < size)
        {
            Flush();
            _chunk = _output.GetSpan(ChunkSize);
        }
        return _chunk[_buffered..];
    }

    private void Commit(int size)
    {
        _buffered += size;
        BytesWritten += size;
    }

    private void Flush()
    {
        if (_buffered > 0)
            _output.Advance(_buffered);
        _buffered = 0;
        _chunk = default;
    }
}
