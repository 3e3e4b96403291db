namespace FlowSense.Feeds.Venues;

/// <summary>What a venue codec did with one message.</summary>
public enum DecodeResult : byte
{
    /// <summary>Turned into events or book state.</summary>
    Decoded = 1,
    /// <summary>Recognised and deliberately skipped: it carries no market data (heartbeat, subscription reply, kline).</summary>
    Ignored = 2,
    /// <summary>Refused: counted by reason in <see cref="DecodeStats"/> and quarantined.</summary>
    Rejected = 3,
}
