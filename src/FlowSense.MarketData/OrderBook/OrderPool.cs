using FlowSense.MarketData.Events;

namespace FlowSense.MarketData.OrderBook;

/// <summary>
/// The order slots of an <see cref="L3Book"/>: one growable array of nodes, recycled through a free list, linked
/// into per-level FIFO queues by index (an intrusive doubly linked list). Indices rather than object references keep
/// the nodes contiguous and mean an add or remove allocates nothing once the array has grown to the peak order count.
/// A mutable struct inlined into its book, so that an order event finds the node array without loading another
/// object first: hold it in a non-readonly field.
/// </summary>
internal struct OrderPool
{
    internal struct Node
    {
        public long Id;
        public long Price;
        public long Size;
        public int Prev;
        public int Next; // also links the free list
        public Side Side;
        public bool IsSeeded;
    }

    private Node[] _nodes;
    private int _freeHead = -1;
    private int _used; // slots ever handed out; those at and above it have never been used

    public OrderPool() => _nodes = new Node[16];

    public ref Node this[int index] => ref _nodes[index];

    public int Rent()
    {
        if (_freeHead >= 0)
        {
            int index = _freeHead;
            _freeHead = _nodes[index].Next;
            return index;
        }
        if (_used == _nodes.Length)
            Array.Resize(ref _nodes, _nodes.Length * 2);
        return _used++;
    }

    public void Return(int index)
    {
        _nodes[index].Next = _freeHead;
        _freeHead = index;
    }

    /// <summary>Forgets every order but keeps the array for reuse.</summary>
    public void Reset()
    {
        _freeHead = -1;
        _used = 0;
    }

    /// <summary>Appends <paramref name="index"/> to the tail of the queue whose ends are <paramref name="head"/>/<paramref name="tail"/>.</summary>
    public void Append(int index, ref int head, ref int tail)
    {
        ref Node node = ref _nodes[index];
        node.Prev = tail;
        node.Next = -1;
        if (tail >= 0)
            _nodes[tail].Next = index;
        else
            head = index;
        tail = index;
    }

    /// <summary>Unlinks <paramref name="index"/> from the queue whose ends are <paramref name="head"/>/<paramref name="tail"/>.</summary>
    public void Unlink(int index, ref int head, ref int tail)
    {
        ref Node node = ref _nodes[index];
        if (node.Prev >= 0)
            _nodes[node.Prev].Next = node.Next;
        else
            head = node.Next;
        if (node.Next >= 0)
            _nodes[node.Next].Prev = node.Prev;
        else
            tail = node.Prev;
    }
}
