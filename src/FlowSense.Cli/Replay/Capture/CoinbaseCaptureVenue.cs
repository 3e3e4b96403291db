using FlowSense.Feeds.Coinbase;
using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Cli.Replay.Capture;

/// <summary>Coinbase: level2 snapshots and updates; no sequence numbers, so gaps cannot be detected, only updates without a snapshot.</summary>
internal sealed class CoinbaseCaptureVenue(IMarketEventSink sink, Feeds.Quarantine.Quarantine quarantine) : CaptureVenue
{
    private static readonly DisplayScale Stored = new(CoinbaseCodec.Decimals, CoinbaseCodec.Decimals);
    private readonly CoinbaseCodec _codec = new(sink, quarantine);

    public override IVenueBookCodec Codec => _codec;

    public override long UpdateId(in EventHeader header, long captureLine) => captureLine;

    public override (DisplayScale Stored, DisplayScale Printed) Scales(InstrumentId instrument) =>
        (Stored, _codec.PrintedScale(instrument) ?? Stored);

    public override IEnumerable<(string Name, string Value)> Report()
    {
        yield return ("snapshots", Format.N(_codec.Coinbase.Snapshots));
        yield return ("l2updates", Format.N(_codec.Coinbase.L2Updates));
        yield return ("updates before their product's snapshot (dropped)", Format.N(_codec.Coinbase.UpdatesWithoutSnapshot));
        yield return ("gaps", "not detectable: the level2 channel carries no sequence numbers");
        yield return ("resyncs requested", Format.N(Resyncs));
    }
}
