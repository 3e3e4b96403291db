namespace FlowSense.Feeds.Synthetic;

/// <summary>
/// A read-only, forward-only stream whose bytes are rendered unit by unit (a frame, a row) as they are read, straight
/// into the reader's buffer. A unit that does not fit in what is left of the buffer is rendered aside and handed over
/// in pieces, so readers may ask for any number of bytes. Allocation-free after construction.
/// </summary>
internal abstract class GeneratedStream(int maxUnitLength) : Stream
{
    private readonly byte[] _partial = new byte[maxUnitLength];
    private int _partialStart, _partialEnd;
    private long _position;

    /// <summary>True while units remain.</summary>
    protected abstract bool HasNext { get; }

    /// <summary>Renders the next unit (at most the constructor's maximum length) and moves past it; returns its length.</summary>
    protected abstract int RenderNext(Span<byte> destination);

    public sealed override bool CanRead => true;
    public sealed override bool CanSeek => false;
    public sealed override bool CanWrite => false;

    public sealed override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public sealed override int Read(Span<byte> buffer)
    {
        int written = TakePartial(buffer);
        while (written < buffer.Length && HasNext)
        {
            if (buffer.Length - written >= _partial.Length)
            {
                written += RenderNext(buffer[written..]);
            }
            else
            {
                _partialStart = 0;
                _partialEnd = RenderNext(_partial);
                written += TakePartial(buffer[written..]);
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

    public sealed override void Flush() { }
    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public sealed override void SetLength(long value) => throw new NotSupportedException();
    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
