using System.Diagnostics;
using System.Runtime.CompilerServices;

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
/// <para>A lane that runs out of work first spins for a moment (<c>idleSpin</c>) before it parks, yielding its core
/// now and then: work that comes within the spin starts at once, with no wake-up. Under a steady stream of small
/// bursts (a market feed's packets, a paced replay's ticks) parking after every burst costs a wake-up per burst, and a
/// woken virtual CPU starts with colder caches: in the load harness at a quarter of its maximum rate (0.75-0.78M
/// events/s over 1,000 symbols) the median event-to-feature latency was 100-190 µs with the spin and 295-640 µs
/// without, in alternating runs. The spin costs CPU while the lane would otherwise sleep, and it has a second cost:
/// when the .NET thread pool's threads are blocked, the pool adds one after half a second while the CPU is not
/// saturated, but only after about a second per thread it aims for while it is, and spinning lanes saturate it. That is
/// the likely reason a test once saw a pool work item wait 3-5 s, until the lanes' 5 s spin ended. So the spin is off
/// unless configured (<c>lanes-dispatcher.idle-spin</c>): for nodes whose lanes have cores to themselves and whose
/// pool threads do not block.</para>
/// <para>Turns must not block: a blocked turn stalls every actor of its lane. Blocking actors belong on the
/// <see cref="DedicatedThreadDispatcher"/>.</para>
/// </remarks>
public sealed class LaneDispatcher : MessageDispatcher, IDisposable
{
    private readonly Lane[] _lanes;
    private readonly string _name;
    private readonly Lock _placement = new();
    private int _nextTimedLane; // the lane of the next timed work, modulo the lane count

    /// <param name="name">Names the lane threads (<c>name-0</c>, <c>name-1</c>, …).</param>
    /// <param name="lanes">How many lanes (threads); 0 for one per processor.</param>
    /// <param name="throughput">Messages per actor turn.</param>
    /// <param name="idleSpin">How long a lane out of work spins for more before it parks (see the remarks); zero parks at once.</param>
    public LaneDispatcher(string name, int lanes, int throughput, TimeSpan idleSpin = default) : base(throughput)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lanes);
        ArgumentOutOfRangeException.ThrowIfLessThan(idleSpin, TimeSpan.Zero);
        _name = name;
        IdleSpin = idleSpin;
        _lanes = new Lane[lanes == 0 ? Environment.ProcessorCount : lanes];
        for (int i = 0; i < _lanes.Length; i++)
            _lanes[i] = new Lane(this, i);
    }

    /// <summary>How many lanes (threads) the dispatcher runs.</summary>
    public int LaneCount => _lanes.Length;

    /// <summary>How long a lane out of work spins for more before it parks.</summary>
    public TimeSpan IdleSpin { get; }

    /// <summary>
    /// True when some lane is parked (a moment's value): a core is free, so work may as well run where it is than queue
    /// for a lane (see <see cref="Execute"/>). A lane spinning for work is not parked: work given to it starts at once.
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
        // An idle lane (spinning or parked) first: "fewest waiting" alone cannot tell an idle lane from one running a
        // long turn (one busy actor), and the work would then wait for that turn and run beside it, on one core, instead
        // of the other. On a tie, the caller's own lane, if it is one: it is about to be free, and its caches hold what
        // the work touches.
        int chosen = Lane.Current is { } own && ReferenceEquals(own.Dispatcher, this) ? own.Index : 0;
        for (int i = 0; i < _lanes.Length; i++)
        {
            Lane candidate = _lanes[i], best = _lanes[chosen];
            if ((candidate.IsIdle && !best.IsIdle) || (candidate.IsIdle == best.IsIdle && candidate.Waiting < best.Waiting))
                chosen = i;
        }
        if (!Started(_lanes[chosen]).TryEnqueueFirst(work))
            base.Execute(work);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a lane once <see cref="Stopwatch.GetTimestamp"/> reaches
    /// <paramref name="deadline"/>, ahead of the actors waiting there (as <see cref="Execute"/> does): within the
    /// kernel's timer slack (50 µs by default) on Linux, within a millisecond elsewhere. For a paced source whose ticks feed the lanes' actors (a
    /// paced replay): woken by a timer thread of its own, its work (decoding and delivering what is due) is one more
    /// busy thread that the operating system time-slices against the lanes; as the lanes' own timed work it runs
    /// between their turns, and a parked lane sleeps until it is due. Successive calls go to the lanes in turn,
    /// so that such a source's work is shared between them. False once the lanes have stopped; work still pending
    /// then runs at once on the thread pool.
    /// </summary>
    public bool TryExecuteAt(long deadline, IThreadPoolWorkItem work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Started(_lanes[(int)((uint)Interlocked.Increment(ref _nextTimedLane) % (uint)_lanes.Length)]).TryEnqueueAt(deadline, work);
    }

    /// <summary><paramref name="lane"/>, its thread started (checked without the lock first: work comes once per batch or tick).</summary>
    private Lane Started(Lane lane)
    {
        if (!lane.IsStarted)
        {
            lock (_placement)
                lane.EnsureStarted();
        }
        return lane;
    }

    /// <summary>A fan-out of many tells to this dispatcher's actors, each lane's share told on its lane (see <see cref="LaneFanOut"/>).</summary>
    public LaneFanOut CreateFanOut() => new(this);

    /// <summary>Stops the lane threads once they have run what is queued; later turns run on the thread pool.</summary>
    public void Dispose()
    {
        foreach (Lane lane in _lanes)
            lane.Stop();
    }

    /// <summary>
    /// One thread and its queue of ready actors. Producers append under the lock; the thread swaps the whole queue out
    /// under the lock and runs it outside, so a drain costs one lock acquisition however many actors it runs. Other
    /// work (<see cref="Execute"/>) has a queue of its own, which the thread checks between actor turns. Timed work
    /// (<see cref="TryExecuteAt"/>) waits by deadline; once due it joins that other work, and a thread out of work
    /// sleeps until the earliest deadline instead of parking for good.
    /// </summary>
    internal sealed class Lane(LaneDispatcher dispatcher, int index)
    {
        private static readonly long YieldInterval = Stopwatch.Frequency / 100_000; // 10 µs of spinning between yields

        [ThreadStatic]
        private static Lane? t_current;

        private readonly object _lock = new(); // a monitor, not a Lock: the thread parks with Monitor.Wait
        private Queue<ActorCell> _ready = new();
        private Queue<ActorCell> _running = new();
        private readonly Queue<IThreadPoolWorkItem> _first = new(); // under _lock: work to run before the next turn
        private volatile bool _hasFirst; // _first is not empty: read between turns without the lock
        private volatile int _queued;    // _ready.Count, readable without the lock
        private Thread? _thread;
        private volatile bool _idle;   // the thread has nothing to run: it spins for work or is parked
        private volatile bool _parked; // written under _lock: the thread waits for a Pulse (or a futex wake, see SleepUntil)
        private volatile bool _stopped; // written under _lock; the spin reads it without
        private readonly PriorityQueue<IThreadPoolWorkItem, long> _timed = new(); // under _lock: work due at a timestamp
        private long _nextDue = long.MaxValue; // _timed's earliest deadline: written under _lock, read between turns without it
        private int _turnsSinceClock;          // the thread's own: turns since it last read the clock for _nextDue
        private Futex? _futex;                 // what the parked thread sleeps on until _nextDue (Linux), made on first use
        private bool _sleepsOnFutex;           // under _lock: the parked thread sleeps on _futex, not in Monitor.Wait

        /// <summary>Actors pinned to this lane (under the dispatcher's placement lock).</summary>
        public int Actors;

        /// <summary>The lane whose thread is the calling one, or null.</summary>
        public static Lane? Current => t_current;

        public LaneDispatcher Dispatcher { get; } = dispatcher;

        /// <summary>The lane's place in its dispatcher.</summary>
        public int Index { get; } = index;

        /// <summary>Actors queued for the next drain (a moment's value, read without the lock).</summary>
        public int Waiting => _queued;

        /// <summary>The thread waits for work, parked (a moment's value, read without the lock).</summary>
        public bool IsParked => _parked;

        /// <summary>The thread waits for work, spinning or parked (a moment's value, read without the lock).</summary>
        public bool IsIdle => _idle;

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

        /// <summary>Queues <paramref name="work"/> to run once the clock reaches <paramref name="deadline"/>; false once the lane has stopped.</summary>
        public bool TryEnqueueAt(long deadline, IThreadPoolWorkItem work)
        {
            lock (_lock)
            {
                if (_stopped)
                    return false;
                _timed.Enqueue(work, deadline);
                if (deadline < _nextDue)
                {
                    Volatile.Write(ref _nextDue, deadline);
                    WakeIfParked(); // a parked thread sleeps for a later deadline, or for no deadline at all
                }
            }
            return true;
        }

        private void WakeIfParked()
        {
            if (_parked)
            {
                _parked = false;
                WakeThread();
            }
        }

        // Under _lock: ends the thread's wait, on the futex or in Monitor.Wait, whichever it sleeps in.
        private void WakeThread()
        {
            if (_sleepsOnFutex)
                _futex!.Wake();
            else
                Monitor.Pulse(_lock);
        }

        public void Stop()
        {
            lock (_lock)
            {
                _stopped = true;
                WakeThread();
            }
        }

        private void Run()
        {
            t_current = this;
            while (true)
            {
                if (_queued == 0 && !_hasFirst)
                {
                    _idle = true;
                    SpinForWork();
                }
                lock (_lock)
                {
                    while (true)
                    {
                        if (_nextDue != long.MaxValue)
                            TakeDueTimed();
                        if (_ready.Count > 0 || _first.Count > 0)
                            break;
                        if (_stopped)
                        {
                            RunTimedOnThreadPool();
                            return;
                        }
                        _parked = true;
                        if (_nextDue == long.MaxValue)
                            Monitor.Wait(_lock);
                        else
                            SleepUntil(_nextDue);
                    }
                    (_ready, _running) = (_running, _ready);
                    _queued = 0;
                }
                _idle = false;
                RunReady();
            }
        }

        /// <summary>
        /// Waits for work without parking, for up to the dispatcher's idle spin: producers see the lane not parked and
        /// queue without a wake-up. It yields its core every <see cref="YieldInterval"/>, so that another thread ready
        /// on this core (a feed's reader, a timer) is not held up by the spin.
        /// </summary>
        private void SpinForWork()
        {
            if (Dispatcher.IdleSpin == TimeSpan.Zero)
                return;
            long now = Stopwatch.GetTimestamp();
            long deadline = now + (long)(Dispatcher.IdleSpin.TotalSeconds * Stopwatch.Frequency), nextYield = now + YieldInterval;
            while (_queued == 0 && !_hasFirst && !_stopped)
            {
                Thread.SpinWait(10); // about 0.3 µs on this project's machines: the latency to notice work
                now = Stopwatch.GetTimestamp();
                if (now >= deadline || now >= Volatile.Read(ref _nextDue))
                    return;
                if (now >= nextYield)
                {
                    Thread.Yield();
                    nextYield = now + YieldInterval;
                }
            }
        }

        // A method of its own, called once per drain: the thread's loop never returns, so its body would only ever run
        // as on-stack-replacement code, while this is compiled (and profiled) like any hot method. Not inlined: the JIT
        // otherwise folds it, and the turns with it, back into the loop's on-stack-replacement code (perf showed them
        // under Run[OptimizedTier1OSR]).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void RunReady()
        {
            while (true)
            {
                if (TimedWorkMayBeDue())
                {
                    lock (_lock)
                        TakeDueTimed();
                }
                if (_hasFirst)
                    RunFirst();
                if (!_running.TryDequeue(out ActorCell? cell))
                    return;
                cell.RunTurn();
            }
        }

        // Between turns. The clock is read every eighth turn only, to keep its cost off most turns, so timed work waits
        // for at most eight turns past its deadline while the lane is busy.
        private bool TimedWorkMayBeDue()
        {
            long due = Volatile.Read(ref _nextDue);
            return due != long.MaxValue && (++_turnsSinceClock & 7) == 0 && Stopwatch.GetTimestamp() >= due;
        }

        /// <summary>Moves the timed work that is due to the work run before the next turn (under _lock).</summary>
        private void TakeDueTimed()
        {
            long now = Stopwatch.GetTimestamp();
            while (_timed.TryPeek(out IThreadPoolWorkItem? work, out long due) && due <= now)
            {
                _timed.Dequeue();
                _first.Enqueue(work);
                _hasFirst = true;
            }
            Volatile.Write(ref _nextDue, _timed.TryPeek(out _, out long next) ? next : long.MaxValue);
        }

        /// <summary>
        /// Parks until <paramref name="deadline"/> or a producer's wake-up (under _lock, which it gives up while it
        /// sleeps): on a futex where there is one, else in <see cref="Monitor.Wait(object, int)"/>, whose whole
        /// milliseconds are rounded up so the work never runs early.
        /// </summary>
        private void SleepUntil(long deadline)
        {
            if (!Futex.IsSupported)
            {
                double ms = Math.Ceiling((deadline - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency);
                Monitor.Wait(_lock, (int)Math.Clamp(ms, 1, int.MaxValue));
                _parked = false;
                return;
            }
            Futex futex = _futex ??= new Futex();
            futex.Arm(); // before producers can see _sleepsOnFutex: a wake from then on is not lost
            _sleepsOnFutex = true;
            Monitor.Exit(_lock);
            try
            {
                futex.WaitUntil(deadline);
            }
            finally
            {
                Monitor.Enter(_lock);
                _sleepsOnFutex = false;
                _parked = false;
            }
        }

        /// <summary>The lane has stopped: timed work still pending runs at once on the thread pool (under _lock).</summary>
        private void RunTimedOnThreadPool()
        {
            while (_timed.TryDequeue(out IThreadPoolWorkItem? work, out _))
                ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
            Volatile.Write(ref _nextDue, long.MaxValue);
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
