using FlowSense.Feeds.Binance;
using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Cli.Replay.Capture;

/// <summary>Binance: depth diffs synced with the REST depth snapshots found in the recording; Binance prints 8 decimals.</summary>
internal sealed class BinanceCaptureVenue(IMarketEventSink sink, Feeds.Quarantine.Quarantine quarantine) : CaptureVenue
{
    private static readonly DisplayScale Eight = new(BinanceCodec.Decimals, BinanceCodec.Decimals);
    private readonly BinanceCodec _codec = new(sink, quarantine);

    public override IVenueBookCodec Codec => _codec;

    public override bool ApplyRest(ReadOnlySpan<byte> url, ReadOnlySpan<byte> json, long receiveTimeNs, long line)
    {
        if (!BinanceCodec.TryGetSnapshotSymbol(url, out ReadOnlySpan<byte> symbol))
            return false;
        _codec.ApplySnapshot(symbol, json, receiveTimeNs, line);
        return true;
    }

    public override long UpdateId(in EventHeader header, long captureLine) => header.Sequence;

    public override (DisplayScale Stored, DisplayScale Printed) Scales(InstrumentId instrument) => (Eight, Eight);

    public override IEnumerable<(string Name, string Value)> Report()
    {
        var books = _codec.Books.ToList();
        yield return ("symbols", books.Count.ToString(Format.Invariant));
        yield return ("diffs applied", Format.N(books.Sum(b => b.Applied)));
        yield return ("snapshots loaded", Format.N(books.Sum(b => b.SnapshotsLoaded)) + $" ({Format.N(books.Sum(b => b.SnapshotsTooOld))} too old for the buffered diffs)");
        yield return ("diffs before a book's snapshot or already in it", Format.N(books.Sum(b => b.Stale)));
        yield return ("gaps (U > last u + 1)", Format.N(books.Sum(b => b.Gaps)));
        yield return ("resyncs requested", Format.N(Resyncs));
        yield return ("books still awaiting a snapshot", string.Join(' ', books.Where(b => b.State == BinanceSyncState.AwaitingSnapshot).Select(b => b.Instrument.Symbol)) is { Length: > 0 } waiting ? waiting : "none");
    }
}
