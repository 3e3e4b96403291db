namespace FlowSense.Actors;

/// <summary>
/// Tells many actors of one <see cref="LaneDispatcher"/> at once: the messages are collected per lane and each lane's
/// share is told on that lane, as one work item run ahead of its next actor turn.
/// </summary>
/// <remarks>
/// <para>Told one by one from another thread, each message that finds its lane parked wakes it, and a lane woken for
/// a few turns parks again before the next message comes: a futex wake-up, a context switch and a contended lock per
/// handful of messages, and the woken lane often preempts the telling thread on its own core. A fan-out costs each
/// lane one hand-over (at most one wake-up) per batch, and the tells then run on the lane that runs the actors, with
/// its lock uncontended.</para>
/// <para>Order is kept between fan-outs: a lane runs its work items in the order they were handed to it, so two
/// fan-outs to the same actor are told in the order they were sent. Not against direct tells: a message told directly
/// after <see cref="Send"/> can reach the actor before the share does, so a sender whose order matters sends all its
/// messages to these actors one way. A fan-out is filled and sent by one thread at a time. Targets that are not on
/// the dispatcher's lanes (another dispatcher, not placed yet) are told at once by the caller.</para>
/// <para>Nothing is allocated per message or per batch once the shares have grown to the batches' size: each share goes
/// back to the fan-out's pool after its lane has told it.</para>
/// </remarks>
public sealed class LaneFanOut
{
    private readonly LaneDispatcher _dispatcher;
    private readonly Share?[] _filling; // per lane: the share being filled, or null
    private readonly Stack<Share> _pool = new();
    private readonly Lock _poolLock = new();

    internal LaneFanOut(LaneDispatcher dispatcher)
    {
        _dispatcher = dispatcher;
        _filling = new Share?[dispatcher.LaneCount];
    }

    /// <summary>Adds <paramref name="message"/> for <paramref name="target"/>, told when <see cref="Send"/> hands the batch over.</summary>
    public void Add(IActorRef target, object message, IActorRef? sender)
    {
        Target resolved = Resolve(target);
        if (resolved.Lane is { } lane)
            (_filling[lane.Index] ??= Rent(lane)).Add(resolved.Cell!, message, sender);
        else
            target.Tell(message, sender);
    }

    /// <summary>
    /// <paramref name="target"/> with its lane looked up once, for a sender that tells the same actors batch after
    /// batch: adding it then reads nothing of the actor. Over a thousand actors, the actor's lines are out of cache on
    /// every batch, and finding its lane cost the sender a read or two of them per message, on top of the lane's own.
    /// </summary>
    public Target Resolve(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target is LocalActorRef { Cell: { Lane: { } lane } cell } && ReferenceEquals(lane.Dispatcher, _dispatcher)
            ? new Target(target, cell, lane)
            : new Target(target, null, null);
    }

    /// <summary>Adds <paramref name="message"/> for a target from <see cref="Resolve"/>, told when <see cref="Send"/> hands the batch over.</summary>
    public void Add(in Target target, object message, IActorRef? sender)
    {
        if (target.Lane is { } lane)
            (_filling[lane.Index] ??= Rent(lane)).Add(target.Cell!, message, sender);
        else if (target.Ref is { } actor)
            Add(actor, message, sender); // not on these lanes when resolved: look again
        else
            throw new ArgumentException("A default Target names no actor: take one from Resolve.", nameof(target));
    }

    /// <summary>Hands each lane its share of the messages added since the last send.</summary>
    public void Send()
    {
        for (int i = 0; i < _filling.Length; i++)
        {
            if (_filling[i] is not { } share)
                continue;
            _filling[i] = null;
            if (!share.Lane.TryEnqueueFirst(share))
                share.Tell(); // the lanes have stopped: tell from here (the actors then run on the thread pool)
        }
    }

    private Share Rent(LaneDispatcher.Lane lane)
    {
        Share? share;
        lock (_poolLock)
            _pool.TryPop(out share);
        share ??= new Share(this);
        share.Lane = lane;
        return share;
    }

    private void Return(Share share)
    {
        lock (_poolLock)
            _pool.Push(share);
    }

    /// <summary>An actor and, when it runs on the fan-out's lanes, its cell and lane (see <see cref="Resolve"/>).</summary>
    public readonly struct Target
    {
        internal Target(IActorRef actor, ActorCell? cell, LaneDispatcher.Lane? lane)
        {
            Ref = actor;
            Cell = cell;
            Lane = lane;
        }

        /// <summary>The actor.</summary>
        public IActorRef Ref { get; }

        internal ActorCell? Cell { get; }

        internal LaneDispatcher.Lane? Lane { get; }
    }

    /// <summary>One lane's messages of one batch.</summary>
    private sealed class Share(LaneFanOut owner) : IThreadPoolWorkItem
    {
        private (ActorCell? Target, object? Message, IActorRef? Sender)[] _items = new (ActorCell?, object?, IActorRef?)[64];
        private int _count;

        public LaneDispatcher.Lane Lane = null!;

        public void Add(ActorCell target, object message, IActorRef? sender)
        {
            if (_count == _items.Length)
                Array.Resize(ref _items, _items.Length * 2);
            _items[_count++] = (target, message, sender);
        }

        void IThreadPoolWorkItem.Execute() => Tell();

        /// <summary>Tells each message, on the actors' lane (or, after the lanes stopped, on the sender's thread).</summary>
        public void Tell()
        {
            var items = _items.AsSpan(0, _count);
            foreach (ref var item in items)
            {
                ActorCell target = item.Target!;
                try
                {
                    target.Tell(item.Message!, item.Sender);
                }
                catch (MailboxFullException)
                {
                    // A mailbox past its hard limit: the message is counted where a dropped one is, and the lane and the
                    // share's other messages go on (a sender told directly would have had the exception instead).
                    target.DeadLetterFull(item.Message!, item.Sender);
                }
                item = default; // let the messages go
            }
            _count = 0;
            owner.Return(this);
        }
    }
}
