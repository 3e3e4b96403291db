using FlowSense.Feeds.Itch;

namespace FlowSense.Feeds.Synthetic;

/// <summary>
/// The bytes of a synthetic ITCH session, generated as they are read: a Stock Directory message per synthetic symbol,
/// then <c>passes</c> repetitions of an <see cref="ItchPassScript"/>, each frame copied from the template and patched
/// (locate, timestamp, order references). Read-only and forward-only; it allocates nothing after construction.
/// </summary>
internal sealed class SyntheticItchStream : Stream
{
    private readonly ItchPassScript _script;
    private readonly byte[] _directories;
    private readonly long _passes;
    private readonly long _spacingNs;
    private readonly byte[] _partial = new byte[ItchFraming.PrefixLength + byte.MaxValue];
    private int _partialStart, _partialEnd;
    private int _directoryPosition;
    private long _pass;
    private int _frame;
    private long _position;

    public SyntheticItchStream(ItchPassScript script, long passes, long spacingNs)
    {
        _script = script;
        _passes = passes;
        _spacingNs = spacingNs;
        using var directories = new MemoryStream();
        for (int symbol = 0; symbol < script.SymbolCount; symbol++)
            directories.Write(script.DirectoryFrame(symbol));
        _directories = directories.ToArray();
        Length = _directories.Length + passes * script.Template.Length;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length { get; }

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int written = 0;
        if (_partialStart < _partialEnd)
            written += TakePartial(buffer);
        if (_directoryPosition < _directories.Length)
        {
            int n = Math.Min(buffer.Length - written, _directories.Length - _directoryPosition);
            _directories.AsSpan(_directoryPosition, n).CopyTo(buffer[written..]);
            _directoryPosition += n;
            written += n;
        }
        var frames = _script.Frames;
        while (written < buffer.Length && _pass < _passes)
        {
            ref readonly var frame = ref frames[_frame];
            long timestamp = (_pass * frames.Length + _frame) * _spacingNs;
            if (frame.Length <= buffer.Length - written)
            {
                _script.Render(frame, _pass, timestamp, buffer[written..]);
                written += frame.Length;
            }
            else
            {
                // The reader's buffer ends inside this frame: render it aside and hand it over in pieces.
                _script.Render(frame, _pass, timestamp, _partial);
                _partialStart = 0;
                _partialEnd = frame.Length;
                written += TakePartial(buffer[written..]);
            }
            if (++_frame == frames.Length)
            {
                _frame = 0;
                _pass++;
            }
        }
        _position += written;
        return written;
    }

    private int TakePartial(Span<byte> destination)
    {
        int n = Math.Min(destination.Length, _partialEnd - _partialStart);
        _partial.AsSpan(_partialStart, n).CopyTo(destination);
        _partialStart += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
