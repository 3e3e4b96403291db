namespace FlowSense.Actors;

/// <summary>
/// Runs actors on a fixed set of threads, its lanes (one per core by default), each actor pinned to one lane for its
/// life: the dispatcher for many small, busy actors, such as one actor per instrument.
/// </summary>
/// <remarks>
/// <para>On the thread pool, every message that wakes an idle actor is a work item of its own, and a steady trickle of
/// such messages keeps waking and parking pool threads (tens of thousands of context switches a second at a million
/// events a second over a thousand actors). A lane instead drains its whole queue of ready actors in one go and
/// parks only when it is empty, so a burst of messages costs one wake-up per lane. Pinning keeps each actor's state
/// in one core's caches.</para>
/// <para>An actor is placed on the lane with the fewest actors when it starts. Its turns run in the order the actors
/// became ready (first come, first served), so no ready actor waits behind more than one turn of every other.</para>
/// <para>Turns must not block: a blocked turn stalls every actor of its lane. Blocking actors belong on the
/// <see cref="DedicatedThreadDispatcher"/>.</para>
/// </remarks>
public sealed class LaneDispatcher : MessageDispatcher, IDisposable
{
    private readonly Lane[] _lanes;
    private readonly string _name;
    private readonly Lock _placement = new();

    /// <param name="name">Names the lane threads (<c>name-0</c>, <c>name-1</c>, …).</param>
    /// <param name="lanes">How many lanes (threads); 0 for one per processor.</param>
    /// <param name="throughput">Messages per actor turn.</param>
    public LaneDispatcher(string name, int lanes, int throughput) : base(throughput)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lanes);
        _name = name;
        _lanes = new Lane[lanes == 0 ? Environment.ProcessorCount : lanes];
        for (int i = 0; i < _lanes.Length; i++)
            _lanes[i] = new Lane(this, i);
    }

    /// <summary>How many lanes (threads) the dispatcher runs.</summary>
    public int LaneCount => _lanes.Length;

    /// <summary>
    /// True when some lane waits for work (a moment's value): a core is free, so work may as well run where it is than
    /// queue for a lane (see <see cref="Execute"/>).
    /// </summary>
    public bool HasIdleLane
    {
        get
        {
            foreach (Lane lane in _lanes)
            {
                if (lane.IsParked)
                    return true;
            }
            return false;
        }
    }

    /// <summary>The actors pinned to each lane now.</summary>
    public IReadOnlyList<int> ActorsPerLane => [.. _lanes.Select(l => Volatile.Read(ref l.Actors))];

    /// <summary>
    /// Actors waiting on each lane for the drain after the current one: a lane that keeps a queue is saturated (its
    /// actors' messages wait for turns of the others). For monitoring; the value is a moment's.
    /// </summary>
    public IReadOnlyList<int> WaitingPerLane => [.. _lanes.Select(l => l.Waiting)];

    internal override void Attach(ActorCell cell)
    {
        lock (_placement)
        {
            int chosen = 0;
            for (int i = 1; i < _lanes.Length; i++)
            {
                if (_lanes[i].Actors < _lanes[chosen].Actors)
                    chosen = i;
            }
            Lane lane = _lanes[chosen];
            lane.Actors++;
            lane.EnsureStarted();
            cell.Lane = lane;
        }
    }

    internal override void Detach(ActorCell cell)
    {
        if (cell.Lane is { } lane)
        {
            lock (_placement)
                lane.Actors--;
        }
    }

    internal override void Schedule(ActorCell cell)
    {
        if (cell.Lane is not { } lane || !lane.TryEnqueue(cell))
            ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal: false); // not placed yet, or the lanes have stopped
    }

    /// <summary>
    /// Runs <paramref name="work"/> on an idle lane if there is one, else on the lane with the fewest actors waiting,
    /// ahead of them: as soon as the actor turn under way ends. For short steps that feed the lane's actors (a stream
    /// stage delivering to them), which would otherwise wait behind the very turns they feed; it must not block.
    /// After the lanes stop, the thread pool.
    /// </summary>
    public override void Execute(IThreadPoolWorkItem work)
    {
        ArgumentNullException.ThrowIfNull(work);
        // An idle lane first: "fewest waiting" alone cannot tell an idle lane from one running a long turn (one busy
        // actor), and the work would then wait for that turn and run beside it, on one core, instead of the other. On a
        // tie, the caller's own lane, if it is one: it is about to be free, and its caches hold what the work touches.
        int chosen = Lane.Current is { } own && ReferenceEquals(own.Dispatcher, this) ? own.Index : 0;
        for (int i = 0; i < _lanes.Length; i++)
        {
            Lane candidate = _lanes[i], best = _lanes[chosen];
            if ((candidate.IsParked && !best.IsParked) || (candidate.IsParked == best.IsParked && candidate.Waiting < best.Waiting))
                chosen = i;
        }
        Lane lane = _lanes[chosen];
        if (!lane.IsStarted) // checked without the lock: this runs once per batch
        {
            lock (_placement)
                lane.EnsureStarted();
        }
        if (!lane.TryEnqueueFirst(work))
            base.Execute(work);
    }

    /// <summary>Stops the lane threads once they have run what is queued; later turns run on the thread pool.</summary>
    public void Dispose()
    {
        foreach (Lane lane in _lanes)
            lane.Stop();
    }

    /// <summary>
    /// One thread and its queue of ready actors. Producers append under the lock; the thread swaps the whole queue out
    /// under the lock and runs it outside, so a drain costs one lock acquisition however many actors it runs. Other
    /// work (<see cref="Execute"/>) has a queue of its own, which the thread checks between actor turns.
    /// </summary>
    internal sealed class Lane(LaneDispatcher dispatcher, int index)
    {
        [ThreadStatic]
        private static Lane? t_current;

        private readonly object _lock = new(); // a monitor, not a Lock: the thread parks with Monitor.Wait
        private Queue<ActorCell> _ready = new();
        private Queue<ActorCell> _running = new();
        private readonly Queue<IThreadPoolWorkItem> _first = new(); // under _lock: work to run before the next turn
        private volatile bool _hasFirst; // _first is not empty: read between turns without the lock
        private volatile int _queued;    // _ready.Count, readable without the lock
        private Thread? _thread;
        private volatile bool _parked; // written under _lock: the thread waits for a Pulse
        private bool _stopped; // under _lock

        /// <summary>Actors pinned to this lane (under the dispatcher's placement lock).</summary>
        public int Actors;

        /// <summary>The lane whose thread is the calling one, or null.</summary>
        public static Lane? Current => t_current;

        public LaneDispatcher Dispatcher { get; } = dispatcher;

        /// <summary>The lane's place in its dispatcher.</summary>
        public int Index { get; } = index;

        /// <summary>Actors queued for the next drain (a moment's value, read without the lock).</summary>
        public int Waiting => _queued;

        /// <summary>The thread waits for work (a moment's value, read without the lock).</summary>
        public bool IsParked => _parked;

        public bool IsStarted => Volatile.Read(ref _thread) is not null;

        /// <summary>Starts the thread, <c>name-index</c>, if it has not started (under the dispatcher's placement lock).</summary>
        public void EnsureStarted()
        {
            if (_thread is not null)
                return;
            var thread = new Thread(static state => ((Lane)state!).Run()) { IsBackground = true, Name = $"{Dispatcher._name}-{Index}" };
            thread.Start(this);
            Volatile.Write(ref _thread, thread);
        }

        /// <summary>Queues a turn of <paramref name="cell"/>; false once the lane has stopped.</summary>
        public bool TryEnqueue(ActorCell cell)
        {
            lock (_lock)
            {
                if (_stopped)
                    return false;
                _ready.Enqueue(cell);
                _queued = _ready.Count;
                WakeIfParked();
            }
            return true;
        }

        /// <summary>Queues <paramref name="work"/> to run before the next actor turn; false once the lane has stopped.</summary>
        public bool TryEnqueueFirst(IThreadPoolWorkItem work)
        {
            lock (_lock)
            {
                if (_stopped)
                    return false;
                _first.Enqueue(work);
                _hasFirst = true;
                WakeIfParked();
            }
            return true;
        }

        private void WakeIfParked()
        {
            if (_parked)
            {
                _parked = false;
                Monitor.Pulse(_lock);
            }
        }

        public void Stop()
        {
            lock (_lock)
            {
                _stopped = true;
                Monitor.Pulse(_lock);
            }
        }

        private void Run()
        {
            t_current = this;
            while (true)
            {
                lock (_lock)
                {
                    while (_ready.Count == 0 && _first.Count == 0)
                    {
                        if (_stopped)
                            return;
                        _parked = true;
                        Monitor.Wait(_lock);
                    }
                    (_ready, _running) = (_running, _ready);
                    _queued = 0;
                }
                RunReady();
            }
        }

        // A method of its own, called once per drain: the thread's loop never returns, so its body would only ever run
        // as on-stack-replacement code, while this is compiled (and profiled) like any hot method.
        private void RunReady()
        {
            while (true)
            {
                if (_hasFirst)
                    RunFirst();
                if (!_running.TryDequeue(out ActorCell? cell))
                    return;
                cell.RunTurn();
            }
        }

        private void RunFirst()
        {
            while (true)
            {
                IThreadPoolWorkItem? work;
                lock (_lock)
                {
                    if (!_first.TryDequeue(out work))
                    {
                        _hasFirst = false;
                        return;
                    }
                }
                work.Execute();
            }
        }
    }
}
