using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Venues;

/// <summary>
/// A venue's websocket codec as a connector (or a capture replay) drives it: feed each received message, events go to
/// the codec's sink. Codecs never throw for bad input: they count it and quarantine it. Not thread-safe: one codec per
/// connection, fed in receive order.
/// </summary>
public interface IVenueCodec
{
    /// <summary>Decodes one message received at <paramref name="receiveTimeNs"/>; <paramref name="position"/> locates it in its source (a line number, a frame count) for the quarantine.</summary>
    DecodeResult Decode(ReadOnlySpan<byte> message, long receiveTimeNs, long position);

    DecodeStats Stats { get; }
}

/// <summary>
/// A codec that maintains books and can lose synchronisation (a sequence gap, a checksum mismatch). It raises
/// <see cref="ResyncRequested"/> once per loss; the connector then fetches a snapshot (REST) or resubscribes, and
/// feeds it back. Until then the instrument's book is frozen and its updates are buffered or dropped (per venue).
/// </summary>
public interface IVenueBookCodec : IVenueCodec
{
    event Action<InstrumentId>? ResyncRequested;

    /// <summary>True while the instrument's book waits for a snapshot (before the first one, and after a loss of sync).</summary>
    bool IsAwaitingSnapshot(InstrumentId instrument);
}
