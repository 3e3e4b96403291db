using FlowSense.Feeds.Itch;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Replay;

/// <summary>
/// ITCH 5.0 one frame per call, through <see cref="ItchEventTranslator"/>. <see cref="ItchStreamReader"/> pushes a
/// whole stream to its handler in one call, which a demand-driven source cannot pause; this reader frames the same
/// way (<see cref="ItchFraming"/>), counts into the same <see cref="ItchReadStats"/> and quarantines the same
/// categories, but returns after every frame.
/// </summary>
internal sealed class ItchReplayReader : IReplayReader
{
    private readonly Stream _stream;
    private readonly string _source;
    private readonly Quarantine.Quarantine _quarantine;
    private readonly ItchEventTranslator _translator;
    private readonly ReceiveStamps? _stamps;
    private readonly byte[] _buffer;
    private int _start, _end;
    private long _bufferOffset; // stream position of _buffer[0]
    private bool _stopped;

    /// <param name="stream">The ITCH bytes; the reader owns and disposes it. Its length is the progress total.</param>
    /// <param name="name">The source's name in the quarantine (a file name, "synthetic").</param>
    public ItchReplayReader(Stream stream, string name, DateOnly sessionDate, IMarketEventSink sink, Quarantine.Quarantine quarantine,
        int bufferSize, Func<long>? receiveClock)
    {
        _stream = stream;
        Length = _stream.Length;
        _source = "itch:" + name;
        _quarantine = quarantine;
        _translator = new ItchEventTranslator(sink, ItchEventTranslator.MidnightUtcNs(sessionDate));
        _stamps = receiveClock is null ? null : new ReceiveStamps(receiveClock);
        // A frame is at most 2 + 65535 bytes; the buffer must hold one whole.
        _buffer = new byte[Math.Max(bufferSize, ushort.MaxValue + ItchFraming.PrefixLength)];
    }

    public ItchReadStats Stats { get; } = new();

    public ReplayUnit Unit => ReplayUnit.Bytes;

    public long Position => Stats.Bytes;

    public long Length { get; }

    public long Rejected => Stats.Rejected + _translator.UnknownLocate;

    public void StartChunk() => _stamps?.StartChunk();

    public bool ReadUnit()
    {
        while (!_stopped)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var status = ItchFraming.TryReadFrame(span, out var message, out int frameLength);
            switch (status)
            {
                case ItchFrameStatus.Message:
                    if (_stamps is not null)
                        _translator.ReceiveTimeNs = _stamps.Next(Stats.Bytes);
                    _translator.OnMessage(new ItchMessage(message, Stats.Messages));
                    Stats.CountMessage(message[0]);
                    _start += frameLength;
                    return true;
                case ItchFrameStatus.Incomplete:
                    if (Fill())
                        continue;
                    if (_start != _end)
                        Stop("truncated-at-end");
                    return false;
                case ItchFrameStatus.Unframeable:
                    Stop("unframeable"); // no length to skip by: the rest of the stream cannot be framed
                    return false;
                default:
                    Stats.CountRejected(status);
                    _quarantine.Add(_source, status == ItchFrameStatus.UnknownType ? "unknown-type" : "truncated",
                        _bufferOffset + _start, span[..frameLength]);
                    _start += frameLength;
                    return true;
            }
        }
        return false;
    }

    public void Dispose() => _stream.Dispose();

    private bool Fill()
    {
        // Move the partial frame to the front so the next read completes it.
        _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        _bufferOffset += _start;
        _end -= _start;
        _start = 0;
        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        Stats.Bytes += read;
        return read > 0;
    }

    private void Stop(string category)
    {
        _quarantine.Add(_source, category, _bufferOffset + _start, _buffer.AsSpan(_start, _end - _start));
        Stats.UnframeableBytes += _end - _start;
        _start = _end;
        _stopped = true;
    }
}
