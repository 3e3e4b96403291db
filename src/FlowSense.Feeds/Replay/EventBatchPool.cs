namespace FlowSense.Feeds.Replay;

/// <summary>
/// The event arrays of one producer's batches, kept for reuse once their last holder hands them back with
/// <see cref="EventBatch.Recycle"/>. Bounded: arrays beyond <see cref="MaxPooled"/> are left to the GC, and when the
/// pool is empty the producer simply allocates, so a consumer that never recycles costs allocations, not correctness.
/// Renting happens on the producer's thread and returning on any consumer's, hence the lock (one per batch, not per
/// event, so it is never contended enough to matter).
/// </summary>
public sealed class EventBatchPool
{
    private readonly Lock _gate = new();
    private readonly MarketEvent[][] _arrays;
    private int _count;
    private long _rented, _allocated;

    /// <param name="arrayLength">The length of every pooled array (the producer's batch capacity).</param>
    /// <param name="maxPooled">How many idle arrays the pool keeps at most.</param>
    public EventBatchPool(int arrayLength, int maxPooled = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(arrayLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPooled, 0);
        ArrayLength = arrayLength;
        _arrays = new MarketEvent[maxPooled][];
    }

    public int ArrayLength { get; }

    public int MaxPooled => _arrays.Length;

    /// <summary>Arrays handed out so far, reused or new.</summary>
    public long Rented => Volatile.Read(ref _rented);

    /// <summary>Arrays the pool had to allocate because none was idle: flat in the steady state of a recycling consumer.</summary>
    public long Allocated => Volatile.Read(ref _allocated);

    /// <summary>An array of at least <see cref="ArrayLength"/> events, reused when one is idle. Its old contents are garbage to be overwritten.</summary>
    public MarketEvent[] Rent()
    {
        Interlocked.Increment(ref _rented);
        lock (_gate)
        {
            if (_count > 0)
            {
                var array = _arrays[--_count];
                _arrays[_count] = null!;
                return array;
            }
        }
        Interlocked.Increment(ref _allocated);
        return new MarketEvent[ArrayLength];
    }

    internal void Return(MarketEvent[] array)
    {
        // A grown array (a unit that brought more events than the batch had room for) is kept too: it is as good for
        // the next batch, and dropping it would cost an allocation at every such overflow.
        if (array.Length < ArrayLength)
            return;
        lock (_gate)
        {
            if (_count < _arrays.Length)
                _arrays[_count++] = array;
        }
    }
}
