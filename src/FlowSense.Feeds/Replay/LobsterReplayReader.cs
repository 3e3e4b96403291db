using FlowSense.Feeds.Lobster;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Replay;

/// <summary>A LOBSTER message file one row per call, mapped by <see cref="LobsterSession.Map"/> (an order, a trade and/or a status).</summary>
internal sealed class LobsterReplayReader : IReplayReader
{
    private readonly CountingStream _file;
    private readonly LobsterMessageReader _reader;
    private readonly LobsterSession _session;
    private readonly IMarketEventSink _sink;

    public LobsterReplayReader(string messagePath, LobsterSession session, IMarketEventSink sink)
    {
        _file = CountingStream.OpenFile(messagePath);
        Length = _file.Length;
        _reader = new LobsterMessageReader(_file);
        _session = session;
        _sink = sink;
    }

    public ReplayUnit Unit => ReplayUnit.Bytes;

    public long Position => _file.BytesRead;

    public long Length { get; }

    public long Rejected => _reader.Malformed.Count;

    public bool ReadNext()
    {
        if (!_reader.TryRead(out var message))
            return false;
        var events = _session.Map(message);
        if (events.HasOrder)
            _sink.OnOrder(events.Order);
        if (events.HasTrade)
            _sink.OnTrade(events.Trade);
        if (events.HasStatus)
            _sink.OnStatus(events.Status);
        return true;
    }

    public void Dispose() => _reader.Dispose();
}
