using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Cli.Replay.Capture;

/// <summary>
/// What a capture replay needs to know about one venue beyond its codec: how REST responses in the recording feed the
/// codec (book snapshots), which number identifies a book event (the venue's final update id, or the documented
/// substitute where the venue has none), the scale the venue prints values with, and what to report at the end.
/// </summary>
internal abstract class CaptureVenue
{
    private long _resyncs;

    /// <summary>The venues the command accepts, with what <c>update_id</c> is for each (shown in --help).</summary>
    public static IReadOnlyDictionary<string, string> UpdateIds { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["binance"] = "the diff's final update id u (a REST snapshot row: its lastUpdateId)",
        ["coinbase"] = "none from the venue (the 2021 level2 channel has no sequence): the capture line number of the message",
        ["kraken"] = "none from the venue (websocket v1 books have no sequence): the capture line number of the message",
        ["bitstamp"] = "the event's microtimestamp, Bitstamp's own ordering key for diffs and snapshots",
    };

    public abstract IVenueBookCodec Codec { get; }

    /// <summary>Resync requests the codec raised (sequence gaps, checksum mismatches, crossed books).</summary>
    public long Resyncs => _resyncs;

    /// <summary>Creates the venue named on the command line, its codec publishing to <paramref name="sink"/>.</summary>
    public static CaptureVenue Create(string venue, IMarketEventSink sink, Feeds.Quarantine.Quarantine quarantine)
    {
        CaptureVenue created = venue switch
        {
            "binance" => new BinanceCaptureVenue(sink, quarantine),
            "coinbase" => new CoinbaseCaptureVenue(sink, quarantine),
            "kraken" => new KrakenCaptureVenue(sink, quarantine),
            "bitstamp" => new BitstampCaptureVenue(sink, quarantine),
            _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "Unknown venue."),
        };
        created.Codec.ResyncRequested += _ => created._resyncs++;
        return created;
    }

    /// <summary>Feeds a REST response of the recording (false when it is not one this venue's books use).</summary>
    public virtual bool ApplyRest(ReadOnlySpan<byte> url, ReadOnlySpan<byte> json, long receiveTimeNs, long line) => false;

    /// <summary>The number a book event is identified by (see <see cref="UpdateIds"/>).</summary>
    public abstract long UpdateId(in EventHeader header, long captureLine);

    /// <summary>The scale the codec keeps an instrument's values at, and the scale the venue prints them with.</summary>
    public abstract (DisplayScale Stored, DisplayScale Printed) Scales(InstrumentId instrument);

    /// <summary>Gaps, resyncs and checksums, as this venue has them.</summary>
    public abstract IEnumerable<(string Name, string Value)> Report();

    /// <summary>True when the venue's own check of the book failed (a checksum mismatch).</summary>
    public virtual bool VerificationFailed => false;
}
