using FlowSense.Feeds.Kraken;
using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Cli.Replay.Capture;

/// <summary>Kraken: book snapshots and updates, each update checked against its CRC32 checksum of the top 10 levels.</summary>
internal sealed class KrakenCaptureVenue(IMarketEventSink sink, Feeds.Quarantine.Quarantine quarantine) : CaptureVenue
{
    private readonly KrakenCodec _codec = new(sink, quarantine);

    public override IVenueBookCodec Codec => _codec;

    public override long UpdateId(in EventHeader header, long captureLine) => captureLine;

    public override (DisplayScale Stored, DisplayScale Printed) Scales(InstrumentId instrument)
    {
        // Kraken's codec keeps each pair at the precision the venue prints it with.
        KrakenPair? pair = _codec.Pair(instrument);
        var scale = pair is null ? default : new DisplayScale(pair.PriceDecimals, pair.SizeDecimals);
        return (scale, scale);
    }

    public override bool VerificationFailed => _codec.Kraken.ChecksumMismatches > 0;

    public override IEnumerable<(string Name, string Value)> Report()
    {
        KrakenStats k = _codec.Kraken;
        yield return ("snapshots", Format.N(k.Snapshots));
        yield return ("book updates", Format.N(k.BookUpdates));
        yield return ("checksums (CRC32) verified", Format.N(k.ChecksumsVerified));
        yield return ("checksums matched", Format.N(k.ChecksumMatches));
        yield return ("checksums mismatched", Format.N(k.ChecksumMismatches));
        yield return ("updates dropped awaiting a snapshot", Format.N(k.DroppedAwaitingSnapshot));
        yield return ("gaps", "not detectable: websocket v1 books carry no sequence numbers (the checksum stands in)");
        yield return ("resyncs requested", Format.N(Resyncs));
    }
}
