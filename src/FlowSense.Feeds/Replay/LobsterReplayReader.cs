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
    private readonly ReceiveStamps? _stamps;

    /// <param name="file">The message file's bytes; the reader owns and disposes it.</param>
    /// <param name="receiveClock">Stamps the rows' receive times when set, once per chunk (see <see cref="ReceiveStamps"/>).</param>
    public LobsterReplayReader(CountingStream file, LobsterSession session, IMarketEventSink sink, Func<long>? receiveClock)
    {
        _file = file;
        Length = _file.Length;
        _reader = new LobsterMessageReader(_file);
        _session = session;
        _sink = sink;
        _stamps = receiveClock is null ? null : new ReceiveStamps(receiveClock);
    }

    public ReplayUnit Unit => ReplayUnit.Bytes;

    public long Position => _file.BytesRead;

    public long Length { get; }

    public long Rejected => _reader.Malformed.Count;

    public void StartChunk() => _stamps?.StartChunk();

    public bool ReadUnit()
    {
        // Stamped before the row is parsed; a row whose parse read the file ends the chunk (see ReceiveStamps).
        long? stamp = _stamps?.Next(_file.BytesRead);
        if (!_reader.TryRead(out var message))
            return false;
        var events = _session.Map(message);
        if (stamp is not { } receiveTimeNs)
        {
            if (events.HasOrder)
                _sink.OnOrder(events.Order);
            if (events.HasTrade)
                _sink.OnTrade(events.Trade);
            if (events.HasStatus)
                _sink.OnStatus(events.Status);
            return true;
        }
        var header = _session.Header(message) with { ReceiveTimeNs = receiveTimeNs };
        if (events.HasOrder)
            _sink.OnOrder(events.Order with { Header = header });
        if (events.HasTrade)
            _sink.OnTrade(events.Trade with { Header = header });
        if (events.HasStatus)
            _sink.OnStatus(events.Status with { Header = header });
        return true;
    }

    public void Dispose() => _reader.Dispose();
}
