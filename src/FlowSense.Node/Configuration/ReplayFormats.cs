namespace FlowSense.Node.Configuration;

/// <summary>The values of <c>flowsense.node.replays.NAME.format</c> and of a capture's <c>venue</c>.</summary>
public static class ReplayFormats
{
    /// <summary>A day of LEAN trade and quote ticks (two zips).</summary>
    public const string Lean = "lean";

    /// <summary>A cryptofeed websocket capture decoded by a venue codec.</summary>
    public const string Capture = "capture";

    /// <summary>A NASDAQ TotalView-ITCH 5.0 file.</summary>
    public const string Itch = "itch";

    /// <summary>The venues whose captures a codec can decode.</summary>
    public static IReadOnlySet<string?> CaptureVenues { get; } = new HashSet<string?>(StringComparer.Ordinal) { "binance", "coinbase", "kraken", "bitstamp" };
}
