namespace FlowSense.Feeds.Venues;

/// <summary>Why a venue codec refused a message. Each reason is a quarantine category (see <see cref="DecodeStats.Category"/>).</summary>
public enum RejectReason
{
    /// <summary>Not well-formed JSON, or JSON of the wrong shape (an object where an array belongs).</summary>
    InvalidJson,
    /// <summary>A field the message type requires is absent.</summary>
    MissingField,
    /// <summary>A price, size or id that is not a plain decimal number.</summary>
    InvalidNumber,
    /// <summary>A size below zero.</summary>
    NegativeSize,
    /// <summary>A number with more decimals than the instrument's precision holds (it cannot be stored exactly).</summary>
    PrecisionLoss,
    /// <summary>Valid JSON of a type or channel the codec does not know.</summary>
    UnknownMessage,
    /// <summary>A symbol that is empty or too long to be one.</summary>
    InvalidSymbol,
    /// <summary>More price levels in one message than the codec's bound.</summary>
    TooManyLevels,
}
