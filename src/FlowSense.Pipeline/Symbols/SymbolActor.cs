using FlowSense.Actors;
using Microsoft.Extensions.Logging;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;
using FlowSense.Pipeline.Recording;
using FlowSense.Pipeline.Snapshots;
using FlowSense.Pipeline.Subscriptions;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// The actor of one instrument, at <c>/user/shards/&lt;shard&gt;/&lt;VENUE:SYMBOL&gt;</c>: applies its events in
/// slices (<see cref="SymbolEvents"/>), publishes feature and bar updates to subscribers with credit, acknowledges each
/// slice once its subscribers have room, and answers queries. Its market state is a <see cref="SymbolState"/>; what
/// must outlive a restart or passivation is in its <see cref="SymbolEntry"/>.
/// </summary>
/// <remarks>
/// <para><b>Back-pressure.</b> While a subscriber has updates waiting for credit, acknowledgements are withheld and
/// new slices are held (in order) until it catches up; the ingestion graph, which waits for acknowledgements, slows
/// to the subscriber's pace.</para>
/// <para><b>Poisoned events.</b> An event that makes the state throw is quarantined and counted; the actor fails so
/// that its shard restarts it. The new incarnation starts with an empty book, publishes <see cref="ResyncRequested"/>
/// on the event stream, and finishes the interrupted slice from the event after the poisoned one, before any later
/// message; the sequence watermarks survive, so no event is applied twice.</para>
/// <para><b>Persistence</b> (when given a <see cref="SymbolPersistence"/>; see SymbolActor.Snapshots.cs): the actor
/// snapshots its state and input positions every N events or T seconds, recovers from the latest snapshot when it
/// starts, restarts or comes back from passivation, and skips events at or below its recovered positions.</para>
/// </remarks>
public sealed partial class SymbolActor : UntypedActor
{
    private readonly SymbolEntry _entry;
    private SymbolState _state; // replaced by an empty one if restoring a snapshot fails half-way

    /// <param name="entry">The symbol's entry (it outlives this incarnation).</param>
    /// <param name="persistence">Where and when to snapshot; null keeps the state in memory only.</param>
    /// <param name="recording">Which time series to record, and where; null records none.</param>
    public SymbolActor(SymbolEntry entry, SymbolPersistence? persistence = null, SeriesRecording? recording = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entry = entry;
        _persistence = persistence;
        _state = new SymbolState(entry.Settings ?? throw new ArgumentException("The symbol has no settings.", nameof(entry)), entry.Sequences, entry.Counters);
        _recorder = recording is null ? null : new SymbolRecorder(recording);
    }

    /// <summary>
    /// Props of the actor of <paramref name="entry"/>'s symbol (an unknown symbol gets an actor that says so), on the
    /// <paramref name="dispatcher"/> named (see <see cref="SymbolShards.Start"/>); null is the system's default.
    /// </summary>
    public static Props Props(SymbolEntry entry, SymbolPersistence? persistence = null, SeriesRecording? recording = null, string? dispatcher = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Settings is null
            ? Actors.Props.Create(() => new UnknownSymbolActor(entry.EntityId))
            : Actors.Props.Create(() => new SymbolActor(entry, persistence, recording)).WithDispatcher(dispatcher ?? Dispatchers.DefaultId);
    }

    /// <summary>
    /// One type switch, slices first. A symbol actor gets a message or two per event burst, each finding the actor's
    /// state out of cache; a switch costs compares against shared type handles, where a per-instance handler table
    /// (<see cref="ReceiveActor"/>) would cost several more cache misses per message.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case SymbolEvents slice:
                OnEvents(slice);
                break;
            case SubscriptionCredit credit:
                OnCredit(credit);
                break;
            case SubscribeSymbol subscribe:
                OnSubscribe(subscribe);
                break;
            case UnsubscribeSymbol unsubscribe:
                RemoveSubscriber(unsubscribe.Subscriber);
                break;
            case Terminated terminated:
                RemoveSubscriber(terminated.Actor);
                break;
            case GetBook query:
                Sender.Tell(Book(query.Depth), Self);
                break;
            case GetFeatures:
                Sender.Tell(new FeatureValues(_state.Instrument, _state.Features.Snapshot()), Self);
                break;
            case GetBars query:
                Sender.Tell(Bars(query.Count), Self);
                break;
            case GetIndicators:
                Sender.Tell(Indicators(), Self);
                break;
            case GetSymbolHealth:
                Sender.Tell(SymbolDirectory.Health(_entry), Self);
                break;
            case GetInputPosition query:
                Sender.Tell(new InputPosition(_entry.Instrument, query.Source, _entry.Positions.Of(query.Source)), Self);
                break;
            case SaveSymbolSnapshot:
                RequestSnapshot(Sender);
                break;
            case SnapshotDue due:
                OnSnapshotDue(due);
                break;
            case SnapshotWritten written:
                OnSnapshotWritten(written);
                break;
            case SeriesWritable writable:
                OnSeriesWritable(writable);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>True while a subscriber lacks credit or rows wait for the writer: acknowledgements are withheld, new slices held.</summary>
    private bool Blocked => _entry.Subscribers.IsBlocked || SeriesBlocked;

    /// <summary>The actor updates are sent from and credit goes to: the shard, which outlives passivation.</summary>
    private IActorRef UpdateSender => Context.Parent;

    protected override void PreStart()
    {
        bool recreated = _entry.Incarnations > 0 && _entry.Counters.Applied > 0;
        _entry.Incarnations++;
        _entry.IsActive = true;
        WatchSubscribers();
        if (_persistence is not null)
        {
            Recover(); // a passivated symbol comes back exactly as it was saved: no resync needed
            return;
        }
        if (recreated)
            RequestResync(ResyncReason.Recreated);
        Resume();
    }

    protected override void PostRestart(Exception reason)
    {
        _entry.Counters.CountRestart();
        _entry.IsActive = true;
        WatchSubscribers();
        RequestResync(ResyncReason.Restarted);
        if (_persistence is not null)
            Recover(); // from the latest snapshot: closer than an empty state to what the failed incarnation had
        else
            Resume();
    }

    protected override void PreRestart(Exception reason, object? message)
    {
        _failed = true; // the failed state must not be snapshotted on the way out
        base.PreRestart(reason, message);
    }

    protected override void PostStop()
    {
        _entry.IsActive = false;
        SaveOnStop();
    }

    private void OnEvents(SymbolEvents slice)
    {
        if (_entry.Failure is not null)
        {
            Refuse(slice, Sender, 0, default);
            return;
        }
        if (Blocked || _entry.HasHeldSlices)
        {
            _entry.Hold(slice, Sender);
            return;
        }
        Process(slice, Sender, 0, default);
        if (_entry.HasWithheldAcks)
            Drain();
    }

    /// <summary>Applies a slice from <paramref name="start"/>, publishes what it changed, and acknowledges it (or holds the ack).</summary>
    private void Process(SymbolEvents slice, IActorRef sender, int start, SliceTally tally)
    {
        var events = slice.Events;
        var positions = slice.Positions;
        SourcePosition? cursor = positions.IsEmpty ? null : _entry.Positions.For(slice.Source!);
        bool gap = false;
        for (int i = start; i < events.Length; i++)
        {
            if (cursor is not null && !cursor.Advance(positions[i]))
            {
                // Already in the recovered state (a resumed replay re-delivers from its slowest symbol's position).
                _entry.Counters.CountDuplicate();
                tally.Add(EventOutcome.Duplicate);
                continue;
            }
            EventOutcome outcome;
            long latestBeforeNs = _entry.Counters.LastEventTimeNs;
            try
            {
                outcome = _state.Apply(events[i]);
            }
            catch (Exception ex)
            {
                _entry.Quarantine(events[i], ex);
                tally.Quarantined++;
                PublishBars();
                _entry.Interrupted = new InterruptedSlice(slice, sender, i + 1, tally);
                _unsaved += i + 1 - start;
                throw new PoisonedEventException(events[i], ex);
            }
            tally.Add(outcome);
            if (outcome is EventOutcome.Applied or EventOutcome.AppliedAfterGap)
                Record(events[i], latestBeforeNs);
            gap |= outcome == EventOutcome.AppliedAfterGap;
        }
        if (gap)
            RequestResync(ResyncReason.SequenceGap);
        PublishBars();
        NoteProcessed(events.Length - start);
        if (tally.Applied > 0 && _entry.Subscribers.Wants(SymbolTopics.Features))
            _entry.Subscribers.Publish(new FeatureUpdate(_state.Instrument.Id, _state.Features.Snapshot(), _entry.Counters.Applied), SymbolTopics.Features, UpdateSender);

        var ack = slice.Acknowledge(tally);
        bool seriesBlocked = WaitForSeriesIfRefused();
        if (seriesBlocked || _entry.Subscribers.IsBlocked)
            _entry.WithholdAck(sender, ack);
        else
            sender.Tell(ack, Self);
    }

    private void PublishBars()
    {
        RecordClosedBars();
        var closed = _state.ClosedBars;
        if (closed.Count > 0 && _entry.Subscribers.Wants(SymbolTopics.Bars))
        {
            foreach (var (frame, bar) in closed)
                _entry.Subscribers.Publish(new BarClosed(_state.Instrument.Id, frame, bar, _state.IndicatorValues(frame)), SymbolTopics.Bars, UpdateSender);
        }
        _state.ClearClosedBars();
    }

    /// <summary>
    /// Finishes a slice a poisoned event interrupted, then whatever waits for credit. Runs in a lifecycle hook, where
    /// failing again would stop the actor for good: a further poisoned event is quarantined and skipped instead.
    /// </summary>
    private void Resume()
    {
        while (true)
        {
            try
            {
                if (_entry.Interrupted is { } cut)
                {
                    _entry.Interrupted = null;
                    Process(cut.Events, cut.Sender, cut.ResumeAt, cut.Tally);
                }
                Drain();
                return;
            }
            catch (PoisonedEventException ex)
            {
                Logger.LogWarning(ex, "{Instrument}: another poisoned event while recovering; quarantined without a restart", _state.Instrument.Id);
            }
        }
    }

    /// <summary>While subscribers have room: release withheld acks in order, then apply held slices.</summary>
    private void Drain()
    {
        while (!Blocked)
        {
            while (_entry.TryTakeWithheldAck(out var withheld))
                withheld.To.Tell(withheld.Ack, Self);
            if (!_entry.TryTakeHeld(out var held))
                return;
            Process(held.Events, held.Sender, 0, default);
        }
    }

    private void OnCredit(SubscriptionCredit credit)
    {
        _entry.Subscribers.Grant(Sender, credit.Count, UpdateSender);
        Drain();
    }

    private void OnSubscribe(SubscribeSymbol subscribe)
    {
        _entry.Subscribers.Add(subscribe.Subscriber, subscribe.InitialCredit, subscribe.Topics, UpdateSender);
        Context.Watch(subscribe.Subscriber);
        Sender.Tell(new SymbolSubscribed(_state.Instrument.Id, UpdateSender), Self);
        Drain();
    }

    private void RemoveSubscriber(IActorRef subscriber)
    {
        if (_entry.Subscribers.Remove(subscriber))
            Context.Unwatch(subscriber);
        Drain();
    }

    private void WatchSubscribers()
    {
        foreach (IActorRef subscriber in _entry.Subscribers.Refs)
            Context.Watch(subscriber);
    }

    private void RequestResync(ResyncReason reason)
    {
        _entry.Counters.CountResync();
        Context.System.EventStream.Publish(new ResyncRequested(_state.Instrument.Id, reason, _entry.Sequences.LastBookSequence));
    }

    // Queries build their replies in methods of their own: a lambda capturing a case's pattern variable makes the
    // compiler allocate its closure at the top of OnReceive, once per message of any kind (32 bytes per slice).
    private RecentBars Bars(int count) =>
        new(_state.Instrument, _state.TimeFrames.ToDictionary(f => f, f => (IReadOnlyList<MarketData.Bars.Bar>)_state.RecentBars(f, count)));

    private IndicatorValues Indicators() =>
        new(_state.Instrument, _state.TimeFrames.ToDictionary(f => f, f => (IReadOnlyList<IndicatorValue>)_state.IndicatorValues(f)));

    private BookTop Book(int depth)
    {
        var book = _state.Book;
        int n = Math.Clamp(depth, 0, 1000);
        var bids = new Level[Math.Min(n, book.LevelCount(Side.Bid))];
        var asks = new Level[Math.Min(n, book.LevelCount(Side.Ask))];
        book.TopLevels(Side.Bid, bids);
        book.TopLevels(Side.Ask, asks);
        return new BookTop(_state.Instrument, _state.Settings.BookType, bids, asks, book.Sequence, book.LastEventTimeNs, book.IsCrossed, book.ResyncRequired);
    }
}
