using FlowSense.Feeds.Quarantine;

namespace FlowSense.Feeds.Venues;

/// <summary>
/// What a venue codec has read: messages turned into events or state, control messages it recognised and skipped,
/// and rejected messages by reason. Every rejected message is also in the codec's <see cref="Quarantine.Quarantine"/>
/// with its source and position, so <c>Rejected == quarantine.Total</c> for a quarantine used by one codec.
/// </summary>
public sealed class DecodeStats
{
    private static readonly string[] Categories =
        [.. Enum.GetValues<RejectReason>().Select(r => string.Concat(r.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())))];

    private readonly long[] _rejected = new long[Categories.Length];

    /// <summary>Messages decoded into events or book state.</summary>
    public long Decoded { get; internal set; }

    /// <summary>Recognised messages that carry no market data (heartbeats, subscription acknowledgements, klines).</summary>
    public long Ignored { get; internal set; }

    public long Rejected { get; private set; }

    public long RejectedFor(RejectReason reason) => _rejected[(int)reason];

    /// <summary>The quarantine category of <paramref name="reason"/>, e.g. <c>invalid-number</c>.</summary>
    public static string Category(RejectReason reason) => Categories[(int)reason];

    /// <summary>Counts one outcome; a rejected message is also quarantined with its position.</summary>
    internal DecodeResult Record(DecodeResult result, RejectReason reason, Quarantine.Quarantine quarantine, string source, long position, ReadOnlySpan<byte> message)
    {
        if (result == DecodeResult.Rejected)
            Reject(quarantine, source, reason, position, message);
        else if (result == DecodeResult.Decoded)
            Decoded++;
        else
            Ignored++;
        return result;
    }

    internal void Reject(Quarantine.Quarantine quarantine, string source, RejectReason reason, long position, ReadOnlySpan<byte> message)
    {
        _rejected[(int)reason]++;
        Rejected++;
        quarantine.Add(source, Categories[(int)reason], position, message);
    }
}
