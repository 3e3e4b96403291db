using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Snapshots;
using FlowSense.Pipeline.Subscriptions;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// The part of a symbol that outlives its actor's incarnations (restarts and passivation): its settings, health
/// counters, sequence watermarks, subscribers, and the deliveries it has not yet acknowledged. The market state
/// itself (<see cref="SymbolState"/>) does not: a new incarnation recovers it from the symbol's latest snapshot when
/// the symbols are persistent (<see cref="SymbolPersistence"/>), and otherwise starts from an empty book and asks for
/// a resync.
/// Only the symbol's actor changes an entry; other threads read <see cref="Counters"/> (through the
/// <see cref="SymbolDirectory"/>).
/// </summary>
public sealed class SymbolEntry
{
    private const int QuarantineCapacity = 64;
    private readonly Queue<QuarantinedEvent> _quarantine = new();
    private SymbolRecoveryFailed? _failure;
    private CountedQueue<(SymbolEvents Events, IActorRef Sender)> _heldSlices = new();
    private CountedQueue<(IActorRef To, SymbolEventsAck Ack)> _withheldAcks = new();

    internal SymbolEntry(string entityId, InstrumentId instrument, ShardId shard, SymbolSettings? settings)
    {
        EntityId = entityId;
        Instrument = instrument;
        Shard = shard;
        Settings = settings;
    }

    public string EntityId { get; }

    public InstrumentId Instrument { get; }

    public ShardId Shard { get; }

    /// <summary>Null for an id the catalog does not know: its actor answers <see cref="SymbolUnknown"/>.</summary>
    public SymbolSettings? Settings { get; }

    public SymbolCounters Counters { get; } = new();

    public SequenceWatermarks Sequences { get; } = new();

    /// <summary>Where the symbol stands in each input source (recovered from its snapshot when persistent).</summary>
    public InputPositions Positions { get; } = new();

    /// <summary>
    /// The last snapshot write started for the symbol (completed when none is running). A new incarnation waits for
    /// it before loading, so it recovers what its predecessor saved when it was passivated.
    /// </summary>
    internal Task LastSave { get; set; } = Task.CompletedTask;

    /// <summary>Whether an actor of the symbol is running (between its start and its stop).</summary>
    internal bool IsActive { get; set; }

    /// <summary>How many times an actor was created for the symbol (restarts not included).</summary>
    public int Incarnations { get; internal set; }

    internal SubscriberSet Subscribers { get; } = new();

    /// <summary>Whether slices wait (received while blocked), to be applied in order once the symbol is not.</summary>
    /// <remarks>
    /// This and <see cref="HasWithheldAcks"/> read counts in the entry's own fields (<see cref="CountedQueue{T}"/>) for
    /// every slice: in the usual case, nothing waiting, the two queues (each a cache miss of its own) are not touched.
    /// </remarks>
    internal bool HasHeldSlices => !_heldSlices.IsEmpty;

    /// <summary>Whether acknowledgements are withheld until subscribers (or the series writer) have taken what their slices produced.</summary>
    internal bool HasWithheldAcks => !_withheldAcks.IsEmpty;

    internal void Hold(SymbolEvents slice, IActorRef sender) => _heldSlices.Enqueue((slice, sender));

    internal bool TryTakeHeld(out (SymbolEvents Events, IActorRef Sender) held) => _heldSlices.TryDequeue(out held);

    internal void WithholdAck(IActorRef to, SymbolEventsAck ack) => _withheldAcks.Enqueue((to, ack));

    internal bool TryTakeWithheldAck(out (IActorRef To, SymbolEventsAck Ack) withheld) => _withheldAcks.TryDequeue(out withheld);

    /// <summary>A slice whose processing a poisoned event cut short: the next incarnation finishes it.</summary>
    internal InterruptedSlice? Interrupted { get; set; }

    /// <summary>
    /// Set once the symbol's snapshot proved unrestorable (<see cref="SymbolRecoveryFailed"/>): from then on every
    /// incarnation refuses the symbol's events instead of recovering again, so there is no restart loop.
    /// </summary>
    public SymbolRecoveryFailed? Failure
    {
        get => Volatile.Read(ref _failure);
        internal set => Volatile.Write(ref _failure, value);
    }

    /// <summary>The most recent events that made the state throw (at most 64), oldest first.</summary>
    public IReadOnlyList<QuarantinedEvent> QuarantinedEvents => [.. _quarantine];

    internal void Quarantine(in MarketEvent e, Exception cause)
    {
        if (_quarantine.Count == QuarantineCapacity)
            _quarantine.Dequeue();
        _quarantine.Enqueue(new QuarantinedEvent(e, cause.GetType().Name + ": " + cause.Message));
        Counters.CountQuarantined();
    }
}

/// <summary>An event that made a symbol's state throw, with the failure.</summary>
public sealed record QuarantinedEvent(MarketEvent Event, string Failure);

/// <summary>Where a slice stopped: the events from <paramref name="ResumeAt"/> on are still to be applied.</summary>
internal sealed record InterruptedSlice(SymbolEvents Events, IActorRef Sender, int ResumeAt, SliceTally Tally);
