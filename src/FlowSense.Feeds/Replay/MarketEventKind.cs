namespace FlowSense.Feeds.Replay;

/// <summary>Which payload a <see cref="MarketEvent"/> carries.</summary>
public enum MarketEventKind : byte
{
    /// <summary>The default value: no event.</summary>
    None = 0,
    Trade = 1,
    Quote = 2,
    BookDelta = 3,
    Order = 4,
    Status = 5,
}
