using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Connectors;

/// <summary>How a venue wants a lost book resynchronized.</summary>
public abstract record ResyncAction
{
    private ResyncAction() { }

    /// <summary>Fetch a REST snapshot at <see cref="Path"/> (relative to the venue's REST base) and hand it to <see cref="Apply"/>.</summary>
    public sealed record RestSnapshot(string Path, SnapshotApplier Apply) : ResyncAction;

    /// <summary>Send these frames (unsubscribe, then subscribe): the venue answers with a fresh snapshot message.</summary>
    public sealed record Resubscribe(IReadOnlyList<string> Frames) : ResyncAction;
}

/// <summary>Feeds a fetched REST snapshot (its JSON body) to the codec that asked for it.</summary>
public delegate DecodeResult SnapshotApplier(ReadOnlySpan<byte> json, long receiveTimeNs);

/// <summary>
/// What a venue adds to the generic websocket connector: where to connect, what to subscribe with, its codec, and how
/// a book that lost sync gets a fresh snapshot. One adapter per venue; it holds no connection state.
/// </summary>
public abstract class VenueAdapter
{
    public abstract string Venue { get; }

    /// <summary>The public stream endpoint for <paramref name="symbols"/> (some venues name the streams in the URL).</summary>
    public abstract Uri StreamUri(Uri baseUri, IReadOnlyList<string> symbols);

    /// <summary>The frames sent right after connecting, exactly as the venue documents them.</summary>
    public abstract IReadOnlyList<string> SubscribeFrames(IReadOnlyList<string> symbols);

    /// <summary>True when a book needs a REST snapshot after subscribing (Binance, Bitstamp); false when the subscription itself sends one.</summary>
    public abstract bool SnapshotsOverRest { get; }

    /// <summary>
    /// How long the venue may stay silent before the feed counts as stalled: set for venues that send heartbeat
    /// messages while idle (Kraken), null for venues that may legitimately say nothing for minutes on a quiet symbol.
    /// The connection itself is watched by websocket pings either way.
    /// </summary>
    public virtual TimeSpan? SilenceTimeout => null;

    public abstract IVenueBookCodec CreateCodec(IMarketEventSink sink, Quarantine.Quarantine quarantine, string source);

    /// <summary>The instrument a subscribed symbol becomes in the codec's events.</summary>
    public InstrumentId Instrument(string symbol) => new(Venue, symbol);

    /// <summary>How <paramref name="codec"/> (made by <see cref="CreateCodec"/>) gets a fresh book for <paramref name="instrument"/>.</summary>
    public abstract ResyncAction Resync(IVenueBookCodec codec, InstrumentId instrument);
}
