using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// A run of one instrument's events, in source order, delivered to its symbol actor as one message: a slice of a
/// buffer the ingestion graph owns. The actor answers every slice with a <see cref="SymbolEventsAck"/> once it has
/// applied it and its subscribers have room for what it published; the buffer is reused only after that, so the
/// receiver must not keep the slice after acknowledging it.
/// </summary>
public sealed class SymbolEvents : IEntityMessage
{
    private readonly MarketEvent[] _buffer;
    private readonly int _offset;

    /// <summary>Wraps <paramref name="count"/> events of <paramref name="buffer"/> from <paramref name="offset"/>; every one must be for <paramref name="instrument"/>.</summary>
    public SymbolEvents(InstrumentId instrument, MarketEvent[] buffer, int offset, int count)
        : this(SymbolKey.EntityId(instrument), instrument, buffer, offset, count)
    {
    }

    /// <summary>
    /// Like the other constructor, with each event's position in <paramref name="source"/>: <paramref name="positions"/>
    /// is parallel to <paramref name="buffer"/> (the same offset and count apply).
    /// </summary>
    public SymbolEvents(InstrumentId instrument, MarketEvent[] buffer, long[] positions, int offset, int count, string source)
        : this(SymbolKey.EntityId(instrument), instrument, buffer, offset, count)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, positions.Length, nameof(count));
        PositionBuffer = positions;
        Source = source;
    }

    internal SymbolEvents(string entityId, InstrumentId instrument, MarketEvent[] buffer, int offset, int count)
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
    }

    public string EntityId { get; }

    public InstrumentId Instrument { get; }

    public int Count { get; }

    public ReadOnlySpan<MarketEvent> Events => _buffer.AsSpan(_offset, Count);

    /// <summary>The ingestion run the events come from (its name); positions are per source.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// Each event's position in <see cref="Source"/> (1-based ordinal in the source's output), parallel to
    /// <see cref="Events"/>; empty when the sender does not track positions.
    /// </summary>
    public ReadOnlySpan<long> Positions => PositionBuffer is null || Source is null ? default : PositionBuffer.AsSpan(_offset, Count);

    /// <summary>The whole buffer <see cref="Positions"/> is a slice of (aligned with the events' buffer).</summary>
    internal long[]? PositionBuffer { get; init; }

    /// <summary>Which delivery this slice belongs to (set by the ingestion graph, to match acknowledgements).</summary>
    internal object? Delivery { get; init; }

    public override string ToString() => $"SymbolEvents({EntityId}, {Count})";
}

/// <summary>
/// The symbol actor's acknowledgement of a <see cref="SymbolEvents"/> slice, with what became of its events. It is
/// sent only when the slice is applied and every subscriber has credit for what it published, so a sender waiting for
/// acknowledgements goes no faster than the slowest subscriber.
/// </summary>
/// <param name="Events">The slice acknowledged.</param>
/// <param name="Applied">Events the state accepted.</param>
/// <param name="Duplicates">Events skipped because their sequence was at or below the last applied.</param>
/// <param name="Rejected">Events refused (by the book, the features, or as malformed) and counted.</param>
/// <param name="Skipped">Events the symbol's book type does not use (quotes beside an L2/L3 book).</param>
/// <param name="Quarantined">Events that made the state throw; the actor was restarted and they were set aside.</param>
public sealed record SymbolEventsAck(SymbolEvents Events, int Applied, int Duplicates, int Rejected, int Skipped, int Quarantined)
{
    /// <summary>Every event of the slice, whatever became of it.</summary>
    public int Total => Applied + Duplicates + Rejected + Skipped + Quarantined;
}
