using FlowSense.Feeds.Bitstamp;
using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Cli.Replay.Capture;

/// <summary>Bitstamp: order-book diffs synced by microtimestamp with the REST order_book snapshots found in the recording.</summary>
internal sealed class BitstampCaptureVenue(IMarketEventSink sink, Feeds.Quarantine.Quarantine quarantine) : CaptureVenue
{
    private static readonly DisplayScale Stored = new(BitstampCodec.Decimals, BitstampCodec.Decimals);
    private readonly BitstampCodec _codec = new(sink, quarantine);

    public override IVenueBookCodec Codec => _codec;

    public override bool ApplyRest(ReadOnlySpan<byte> url, ReadOnlySpan<byte> json, long receiveTimeNs, long line)
    {
        if (!BitstampCodec.TryGetSnapshotPair(url, out ReadOnlySpan<byte> pair))
            return false;
        _codec.ApplySnapshot(pair, json, receiveTimeNs, line);
        return true;
    }

    // Headers carry the microtimestamp as exchange time (ns).
    public override long UpdateId(in EventHeader header, long captureLine) => header.ExchangeTimeNs / 1000;

    public override (DisplayScale Stored, DisplayScale Printed) Scales(InstrumentId instrument) =>
        (Stored, _codec.Book(instrument)?.Printed ?? Stored);

    public override IEnumerable<(string Name, string Value)> Report()
    {
        var books = _codec.Books.ToList();
        yield return ("pairs", books.Count.ToString(Format.Invariant));
        yield return ("diffs applied", Format.N(books.Sum(b => b.Applied)));
        yield return ("snapshots", Format.N(books.Sum(b => b.Snapshots)));
        yield return ("diffs not newer than the book (stale)", Format.N(books.Sum(b => b.Stale)));
        yield return ("diffs out of order as received", Format.N(_codec.Bitstamp.OutOfOrderDiffs));
        yield return ("crossed books (each one resyncs)", Format.N(books.Sum(b => b.Crossed)));
        yield return ("resyncs requested", Format.N(Resyncs));
        yield return ("pairs still awaiting a snapshot", string.Join(' ', books.Where(b => b.AwaitingSnapshot).Select(b => b.Instrument.Symbol)) is { Length: > 0 } waiting ? waiting : "none");
    }
}
