using Microsoft.Extensions.Configuration;

namespace FlowSense.Node.Configuration;

/// <summary>One live websocket connector (<c>flowsense.node.connectors.NAME</c>).</summary>
public sealed class LiveConnectorOptions
{
    /// <summary>binance, kraken, coinbase or bitstamp: the venue adapter (subscribe frames, codec, resync).</summary>
    [ConfigurationKeyName("venue")]
    public string? Venue { get; set; }

    /// <summary>The websocket endpoint, e.g. <c>wss://ws.kraken.com</c>.</summary>
    [ConfigurationKeyName("url")]
    public string? Url { get; set; }

    /// <summary>The REST endpoint for book snapshots; required by venues that snapshot over REST (binance, bitstamp).</summary>
    [ConfigurationKeyName("rest-url")]
    public string? RestUrl { get; set; }

    /// <summary>Symbols as the venue writes them (<c>BTCUSDT</c>, <c>XBT/USD</c>, <c>BTC-USD</c>, <c>btcusd</c>).</summary>
    [ConfigurationKeyName("symbols")]
    public List<string> Symbols { get; set; } = [];

    /// <summary>False leaves the connector declared but not run.</summary>
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; } = true;

    /// <summary>How its supervisor spaces reconnections.</summary>
    [ConfigurationKeyName("backoff")]
    public BackoffSettings Backoff { get; set; } = new();
}

/// <summary>A connector's reconnection backoff (<c>flowsense.node.connectors.NAME.backoff</c>).</summary>
public sealed class BackoffSettings
{
    /// <summary>The delay before the first reconnection.</summary>
    [ConfigurationKeyName("min")]
    public TimeSpan Min { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The cap of the doubling delay (before jitter).</summary>
    [ConfigurationKeyName("max")]
    public TimeSpan Max { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Jitter: each delay is multiplied by a random value in [1, 1 + random-factor].</summary>
    [ConfigurationKeyName("random-factor")]
    public double RandomFactor { get; set; } = 0.2;
}
