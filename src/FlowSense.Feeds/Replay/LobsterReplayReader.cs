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

    private readonly Func<long>? _receiveClock;

    /// <param name="file">The message file's bytes; the reader owns and disposes it.</param>
    /// <param name="receiveClock">Stamps each row's receive time when set (see <see cref="ReplayOptions.ReceiveClock"/>).</param>
    public LobsterReplayReader(CountingStream file, LobsterSession session, IMarketEventSink sink, Func<long>? receiveClock)
    {
        _file = file;
        Length = _file.Length;
        _reader = new LobsterMessageReader(_file);
        _session = session;
        _sink = sink;
        _receiveClock = receiveClock;
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
        if (_receiveClock is null)
        {
            if (events.HasOrder)
                _sink.OnOrder(events.Order);
            if (events.HasTrade)
                _sink.OnTrade(events.Trade);
            if (events.HasStatus)
                _sink.OnStatus(events.Status);
            return true;
        }
        var header = _session.Header(message) with { ReceiveTimeNs = _receiveClock() };
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
