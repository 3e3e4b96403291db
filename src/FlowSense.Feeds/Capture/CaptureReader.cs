using System.IO.Compression;

namespace FlowSense.Feeds.Capture;

/// <summary>
/// Reads a recorded capture (plain or gzip, told apart by the gzip magic bytes 1F 8B) one line at a time into one
/// reused buffer, and parses each line with <see cref="CaptureLine"/>. Blank lines are skipped; lines matching no
/// capture form, and lines longer than the bound, are counted and quarantined with their line number, and reading
/// goes on. The buffer grows to the longest line (exchange-info responses run to megabytes) and is then reused, so
/// reading allocates nothing per line.
/// </summary>
public sealed class CaptureReader : IDisposable
{
    private readonly Stream _stream;
    private readonly string _source;
    private readonly Quarantine.Quarantine _quarantine;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start, _end;
    private bool _eof, _skippingLongLine;

    /// <param name="stream">The capture; disposed with the reader.</param>
    /// <param name="source">Names the capture in quarantine entries, e.g. <c>capture:BINANCE.ws.1.0</c>.</param>
    /// <param name="quarantine">Where unreadable lines go.</param>
    /// <param name="maxLineBytes">Longest line accepted; longer ones are quarantined and skipped.</param>
    public CaptureReader(Stream stream, string source, Quarantine.Quarantine quarantine, int maxLineBytes = 64 << 20)
    {
        _source = source;
        _quarantine = quarantine;
        _maxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(1 << 16, maxLineBytes + 1)];
        _stream = SniffCompression(stream);
    }

    public CaptureStats Stats { get; } = new();

    /// <summary>Opens a capture file (plain or gzip).</summary>
    public static CaptureReader Open(string path, Quarantine.Quarantine quarantine) =>
        new(File.OpenRead(path), "capture:" + Path.GetFileName(path), quarantine);

    /// <summary>The next recognised line; false at the end of the capture. The record's spans are valid until the next call.</summary>
    public bool TryRead(out CaptureRecord record)
    {
        while (TryReadLine(out var line))
        {
            Stats.Lines++;
            if (line.IsEmpty || (line.Length == 1 && line[0] == (byte)'\r'))
            {
                Stats.Blank++;
                continue;
            }
            if (CaptureLine.TryParse(line, Stats.Lines, out record))
            {
                Stats.Count(record.Kind);
                return true;
            }
            Stats.Unrecognized++;
            _quarantine.Add(_source, "unrecognized-line", Stats.Lines, line);
        }
        record = default;
        return false;
    }

    public void Dispose() => _stream.Dispose();

    private bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = _buffer.AsSpan(_start, newline);
                _start += newline + 1;
                if (!_skippingLongLine)
                    return true;
                _skippingLongLine = false; // that was the tail of an over-long line, already counted
                continue;
            }
            if (_eof)
            {
                line = _buffer.AsSpan(_start, _end - _start);
                _start = _end;
                if (line.IsEmpty || _skippingLongLine)
                {
                    _skippingLongLine = false;
                    line = default;
                    return false;
                }
                return true;
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length > _maxLineBytes)
            {
                // No newline within the bound: quarantine the head of the line and drop bytes up to its end.
                if (!_skippingLongLine)
                {
                    Stats.Lines++;
                    Stats.TooLong++;
                    _quarantine.Add(_source, "line-too-long", Stats.Lines, _buffer);
                    _skippingLongLine = true;
                }
                _end = 0;
            }
            else
            {
                Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _maxLineBytes + 1L));
            }
        }
        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
            _eof = true;
        _end += read;
    }

    private Stream SniffCompression(Stream stream)
    {
        int n = 0;
        while (n < 2)
        {
            int read = stream.Read(_buffer, n, 2 - n);
            if (read == 0)
                break;
            n += read;
        }
        var replay = new PrefixedStream(_buffer[..n], n, stream);
        return n == 2 && _buffer[0] == 0x1F && _buffer[1] == 0x8B ? new GZipStream(replay, CompressionMode.Decompress) : replay;
    }
}
