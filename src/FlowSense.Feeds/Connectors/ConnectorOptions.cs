namespace FlowSense.Feeds.Connectors;

/// <summary>Where and what a websocket connector subscribes to, and how long silence is tolerated.</summary>
/// <param name="Name">The connector's name in logs and the management view, e.g. <c>binance</c>.</param>
/// <param name="StreamBase">The websocket endpoint, e.g. <c>wss://stream.binance.com:9443</c>.</param>
/// <param name="RestBase">The REST endpoint for snapshots, e.g. <c>https://api.binance.com</c>; unused by venues that snapshot over the stream.</param>
/// <param name="Symbols">Symbols as the venue writes them (<c>BTCUSDT</c>, <c>XBT/USD</c>, <c>BTC-USD</c>, <c>btcusd</c>).</param>
public sealed record ConnectorOptions(string Name, Uri StreamBase, Uri? RestBase, IReadOnlyList<string> Symbols)
{
    /// <summary>
    /// No message for this long means the feed has stalled, even if the socket is alive; null takes the venue's own
    /// (<see cref="VenueAdapter.SilenceTimeout"/>: set only for venues that send heartbeats when idle).
    /// </summary>
    public TimeSpan? SilenceTimeout { get; init; }

    /// <summary>Interval of the websocket pings we send; the venue's pings are answered automatically.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A ping unanswered for this long means the connection is dead.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the socket to open or a REST snapshot to arrive.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest message accepted; a larger one ends the connection rather than growing memory without bound.</summary>
    public int MaxMessageBytes { get; init; } = 64 << 20;
}
