using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// A run of one instrument's events, in source order, delivered to its symbol actor as one message: a slice of a
/// buffer the sender owns. The actor answers every slice with its <see cref="SymbolEventsAck"/> once it has applied it
/// and its subscribers have room for what it published. The ingestion graph reuses the buffer, this slice and its
/// acknowledgement after that, so neither the receiver nor the sender may keep them past the acknowledgement.
/// </summary>
public sealed class SymbolEvents : IEntityMessage
{
    private MarketEvent[] _buffer = [];
    private int _offset;
    private volatile bool _acknowledged;

    /// <summary>Wraps <paramref name="count"/> events of <paramref name="buffer"/> from <paramref name="offset"/>; every one must be for <paramref name="instrument"/>.</summary>
    public SymbolEvents(InstrumentId instrument, MarketEvent[] buffer, int offset, int count)
        : this()
    {
        Reset(SymbolKey.EntityId(instrument), instrument, buffer, offset, count);
    }

    /// <summary>
    /// Like the other constructor, with each event's position in <paramref name="source"/>: <paramref name="positions"/>
    /// is parallel to <paramref name="buffer"/> (the same offset and count apply).
    /// </summary>
    public SymbolEvents(InstrumentId instrument, MarketEvent[] buffer, long[] positions, int offset, int count, string source)
        : this(instrument, buffer, offset, count)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, positions.Length, nameof(count));
        PositionBuffer = positions;
        Source = source;
    }

    /// <summary>An empty slice for the ingestion graph's pool; <see cref="Reset"/> before use.</summary>
    internal SymbolEvents()
    {
        Ack = new SymbolEventsAck(this);
        EntityId = string.Empty;
    }

    public string EntityId { get; private set; }

    public InstrumentId Instrument { get; private set; }

    public int Count { get; private set; }

    public ReadOnlySpan<MarketEvent> Events => _buffer.AsSpan(_offset, Count);

    /// <summary>The ingestion run the events come from (its name); positions are per source.</summary>
    public string? Source { get; internal set; }

    /// <summary>
    /// Each event's position in <see cref="Source"/> (1-based ordinal in the source's output), parallel to
    /// <see cref="Events"/>; empty when the sender does not track positions.
    /// </summary>
    public ReadOnlySpan<long> Positions => PositionBuffer is null || Source is null ? default : PositionBuffer.AsSpan(_offset, Count);

    /// <summary>When the ingestion graph sent the slice (<see cref="System.Diagnostics.Stopwatch"/> ticks); 0 for slices sent by hand.</summary>
    public long SentTimestamp { get; internal set; }

    /// <summary>The whole buffer <see cref="Positions"/> is a slice of (aligned with the events' buffer).</summary>
    internal long[]? PositionBuffer { get; set; }

    /// <summary>Which delivery this slice belongs to (set by the ingestion graph, to match acknowledgements).</summary>
    internal object? Delivery { get; set; }

    /// <summary>The acknowledgement, allocated once with the slice and filled in by <see cref="Acknowledge"/>.</summary>
    internal SymbolEventsAck Ack { get; }

    /// <summary>Points the slice at other events (the ingestion graph reuses slices with their buffers).</summary>
    internal void Reset(string entityId, InstrumentId instrument, MarketEvent[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, buffer.Length, nameof(count));
        EntityId = entityId;
        Instrument = instrument;
        _buffer = buffer;
        _offset = offset;
        Count = count;
        _acknowledged = false;
    }

    /// <summary>Its acknowledgement reached the sender (set by the ingestion graph's receiver; for its timeout report).</summary>
    internal bool IsAcknowledged
    {
        get => _acknowledged;
        set => _acknowledged = value;
    }

    /// <summary>The acknowledgement with <paramref name="tally"/>'s counts.</summary>
    internal SymbolEventsAck Acknowledge(in SliceTally tally)
    {
        Ack.Set(tally);
        return Ack;
    }

    public override string ToString() => $"SymbolEvents({EntityId}, {Count})";
}

/// <summary>
/// The symbol actor's acknowledgement of a <see cref="SymbolEvents"/> slice, with what became of its events. It is
/// sent only when the slice is applied and every subscriber has credit for what it published, so a sender waiting for
/// acknowledgements goes no faster than the slowest subscriber. One per slice, reused with it: read it when it arrives.
/// </summary>
public sealed class SymbolEventsAck
{
    internal SymbolEventsAck(SymbolEvents events) => Events = events;

    /// <summary>The slice acknowledged.</summary>
    public SymbolEvents Events { get; }

    /// <summary>Events the state accepted.</summary>
    public int Applied { get; private set; }

    /// <summary>Events skipped because their sequence was at or below the last applied.</summary>
    public int Duplicates { get; private set; }

    /// <summary>Events refused (by the book, the features, or as malformed) and counted.</summary>
    public int Rejected { get; private set; }

    /// <summary>Events the symbol's book type does not use (quotes beside an L2/L3 book).</summary>
    public int Skipped { get; private set; }

    /// <summary>Events that made the state throw; the actor was restarted and they were set aside.</summary>
    public int Quarantined { get; private set; }

    /// <summary>Every event of the slice, whatever became of it.</summary>
    public int Total => Applied + Duplicates + Rejected + Skipped + Quarantined;

    internal void Set(in SliceTally tally) =>
        (Applied, Duplicates, Rejected, Skipped, Quarantined) = (tally.Applied, tally.Duplicates, tally.Rejected, tally.Skipped, tally.Quarantined);

    public override string ToString() =>
        $"SymbolEventsAck({Events.EntityId}: applied {Applied}, duplicates {Duplicates}, rejected {Rejected}, skipped {Skipped}, quarantined {Quarantined})";
}
