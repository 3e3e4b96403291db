using System.Numerics;
using System.Runtime.InteropServices;

namespace FlowSense.Actors;

/// <summary>
/// The user-message queue of one actor: a lock-free, multi-producer single-consumer ring of
/// <see cref="Envelope"/>s that is allocated on the first message and grows by doubling up to its limit.
/// </summary>
/// <remarks>
/// <para>
/// Each segment is a bounded ring after Vyukov: every slot carries a sequence number that says whose turn it
/// is (a producer may write slot <c>p &amp; mask</c> when its sequence is <c>p</c>; the consumer may read it when
/// it is <c>p + 1</c>). A producer claims a position with one compare-exchange on the segment's tail; the
/// consumer never uses an interlocked operation.
/// </para>
/// <para>
/// Positions are global across segments. When a segment is full and may still grow, the producer that noticed
/// freezes it (sets <see cref="FrozenBit"/> on its tail so no more claims succeed there), links a segment twice
/// the size that starts at the frozen position, and publishes it as the new tail. The consumer drains the old
/// segment up to its frozen position, then moves on; per-producer order is kept because positions only grow.
/// </para>
/// <para>
/// The capacity check is exact: a producer may claim position <c>p</c> only while <c>p - head &lt; limit</c>,
/// where <c>head</c> is the consumer's published position (a stale head only makes the check stricter).
/// </para>
/// <para>This is a mutable struct embedded in the actor cell to keep per-actor memory small: never copy it.</para>
/// </remarks>
[StructLayout(LayoutKind.Auto)]
internal struct MailboxQueue
{
    /// <summary>The most messages any mailbox holds, whatever its policy.</summary>
    public const int HardLimit = 1 << 20;

    // Two slots: most actors hold at most one message at a time (request/reply, ping-pong), so a bigger first
    // ring would only add retained memory to every idle actor; busy ones double once or twice and stay there.
    private const int InitialSegmentSize = 2;
    private const long FrozenBit = 1L << 62;

    private Segment? _head;   // consumer-owned once set
    private Segment? _tail;   // the segment producers claim in
    private long _headPosition; // next position the consumer reads; written only by the consumer
    private long _cachedHead;   // a producer-side copy of _headPosition, refreshed only when the queue looks full

    /// <summary>The number of messages waiting (or being published). Exact when read by the consumer.</summary>
    public int Count
    {
        get
        {
            Segment? tail = Volatile.Read(ref _tail);
            if (tail is null)
                return 0;
            long t = Volatile.Read(ref tail.TailPosition) & ~FrozenBit;
            return (int)Math.Max(0, t - Volatile.Read(ref _headPosition));
        }
    }

    /// <summary>True when a producer has claimed a position the consumer has not read yet.</summary>
    /// <remarks>Reads the claim counter, not the slot, so that a producer's claim (a full fence) is never missed.</remarks>
    public bool HasPending => Count > 0;

    /// <summary>Claims a slot and writes the envelope.</summary>
    /// <param name="message">The message.</param>
    /// <param name="sender">The sender, or null.</param>
    /// <param name="capacity">How many waiting messages make the queue full.</param>
    /// <param name="allowOverCapacity">Accept beyond <paramref name="capacity"/> (up to the largest ring) instead of refusing.</param>
    /// <param name="maxSegmentSize">The largest ring this queue may grow to (a power of two).</param>
    public EnqueueResult TryEnqueue(object message, IActorRef? sender, int capacity, bool allowOverCapacity, int maxSegmentSize)
    {
        Segment segment = Volatile.Read(ref _tail) ?? CreateFirstSegment();
        while (true)
        {
            long position = Volatile.Read(ref segment.TailPosition);
            if ((position & FrozenBit) != 0)
            {
                Segment? next = Volatile.Read(ref segment.Next);
                if (next is null)
                    Thread.SpinWait(1); // the grower is linking the next ring
                else
                    segment = next;
                continue;
            }

            // Producers read the consumer's line only when the cached head says "full": a stale head is never
            // larger than the real one, so the final decision is always made on a fresh read.
            bool overCapacity = position - Volatile.Read(ref _cachedHead) >= capacity;
            if (overCapacity)
            {
                long head = Volatile.Read(ref _headPosition);
                Volatile.Write(ref _cachedHead, head);
                overCapacity = position - head >= capacity;
                if (overCapacity && !allowOverCapacity)
                    return EnqueueResult.Full;
            }

            ref Slot slot = ref segment.Slots[(int)position & segment.Mask];
            long diff = Volatile.Read(ref slot.Sequence) - position;
            if (diff == 0)
            {
                if (Interlocked.CompareExchange(ref segment.TailPosition, position + 1, position) == position)
                {
                    slot.Message = message;
                    slot.Sender = sender;
                    Volatile.Write(ref slot.Sequence, position + 1);
                    return overCapacity ? EnqueueResult.EnqueuedOverCapacity : EnqueueResult.Enqueued;
                }
            }
            else if (diff < 0)
            {
                // The slot still holds the message from one lap ago: this ring is full.
                if (segment.Slots.Length >= maxSegmentSize)
                    return EnqueueResult.Full;
                segment = Grow(segment);
            }
            // diff > 0: another producer claimed this position first; reread the tail.
        }
    }

    /// <summary>Takes the next message. Only the single consumer may call this.</summary>
    /// <returns>False when the queue is empty or the next message is still being written by its producer.</returns>
    public bool TryDequeue(out Envelope envelope)
    {
        Segment? segment = Volatile.Read(ref _head);
        while (segment is not null)
        {
            long position = _headPosition;
            ref Slot slot = ref segment.Slots[(int)position & segment.Mask];
            if (Volatile.Read(ref slot.Sequence) == position + 1)
            {
                envelope = new Envelope(slot.Message!, slot.Sender);
                slot.Message = null;
                slot.Sender = null;
                Volatile.Write(ref slot.Sequence, position + segment.Slots.Length);
                Volatile.Write(ref _headPosition, position + 1);
                return true;
            }

            long tail = Volatile.Read(ref segment.TailPosition);
            if ((tail & FrozenBit) == 0 || (tail & ~FrozenBit) != position)
                break; // empty, or a producer is between its claim and its write

            Segment? next = Volatile.Read(ref segment.Next);
            if (next is null)
                break; // frozen but not linked yet: the grower will enqueue and schedule after linking
            segment = next; // this segment is drained and frozen: the rest is in the next one
            _head = segment;
        }

        envelope = default;
        return false;
    }

    private Segment CreateFirstSegment()
    {
        var created = new Segment(InitialSegmentSize, 0);
        Segment head = Interlocked.CompareExchange(ref _head, created, null) ?? created;
        Interlocked.CompareExchange(ref _tail, head, null);
        return Volatile.Read(ref _tail)!;
    }

    private Segment Grow(Segment full)
    {
        lock (full)
        {
            Segment? next = Volatile.Read(ref full.Next);
            if (next is not null)
                return next; // another producer grew it already

            // Freeze first so the new ring starts exactly where claims in the old one stopped; producers that
            // see the frozen bit before Next is linked spin briefly in TryEnqueue.
            long frozenAt = Interlocked.Or(ref full.TailPosition, FrozenBit);
            next = new Segment(full.Slots.Length * 2, frozenAt);
            Volatile.Write(ref full.Next, next);
            Volatile.Write(ref _tail, next);
            return next;
        }
    }

    /// <summary>One slot of a ring: the envelope's parts and the turn number.</summary>
    [StructLayout(LayoutKind.Auto)]
    private struct Slot
    {
        public object? Message;
        public IActorRef? Sender;
        public long Sequence;
    }

    /// <summary>One ring; positions in it start at <c>start</c>.</summary>
    private sealed class Segment
    {
        public readonly Slot[] Slots;
        public readonly int Mask;
        public long TailPosition;
        public Segment? Next;

        public Segment(int size, long start)
        {
            Slots = new Slot[size];
            Mask = size - 1;
            TailPosition = start;
            for (long p = start; p < start + size; p++)
                Slots[(int)p & Mask].Sequence = p;
        }
    }

    /// <summary>The ring size that holds <paramref name="capacity"/> messages.</summary>
    public static int SegmentSizeFor(int capacity) =>
        (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(capacity, InitialSegmentSize, HardLimit));
}

/// <summary>The outcome of <see cref="MailboxQueue.TryEnqueue"/>.</summary>
internal enum EnqueueResult
{
    /// <summary>Enqueued within capacity.</summary>
    Enqueued,

    /// <summary>Enqueued, but the queue already held its capacity.</summary>
    EnqueuedOverCapacity,

    /// <summary>Refused: the queue is full.</summary>
    Full,
}
