using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Venues;

namespace FlowSense.Feeds.Replay;

/// <summary>
/// A recorded websocket capture one line per call: each received message goes to the venue codec with its recorded
/// receive time, as the live connector would have fed it. Sent, connect, REST and configuration lines carry no
/// market data for the codec and are passed over (the capture reader counts them).
/// </summary>
internal sealed class CaptureReplayReader : IReplayReader
{
    private readonly CountingStream _file;
    private readonly CaptureReader _reader;
    private readonly IVenueCodec _codec;

    public CaptureReplayReader(string path, IVenueCodec codec, Quarantine.Quarantine quarantine)
    {
        _file = CountingStream.OpenFile(path);
        Length = _file.Length;
        _reader = new CaptureReader(_file, "capture:" + Path.GetFileName(path), quarantine);
        _codec = codec;
    }

    public ReplayUnit Unit => ReplayUnit.Bytes;

    public long Position => _file.BytesRead;

    public long Length { get; }

    public long Rejected => _reader.Stats.Unrecognized + _reader.Stats.TooLong + _codec.Stats.Rejected;

    public bool ReadUnit()
    {
        if (!_reader.TryRead(out var record))
            return false;
        if (record.Kind == CaptureLineKind.Received)
            _codec.Decode(record.Payload, record.ReceiveTimeNs, record.LineNumber);
        return true;
    }

    public void Dispose() => _reader.Dispose();
}
