namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// A queue whose count is held inline, where its owner's other fields are: asking whether anything waits does not
/// load the queue object (a cache miss of its own when a thousand symbols take turns). A mutable struct: hold it in a
/// non-readonly field.
/// </summary>
internal struct CountedQueue<T>()
{
    private readonly Queue<T> _items = new();
    private int _count;

    public readonly bool IsEmpty => _count == 0;

    public void Enqueue(T item)
    {
        _items.Enqueue(item);
        _count++;
    }

    public bool TryDequeue(out T item)
    {
        if (_count == 0)
        {
            item = default!;
            return false;
        }
        _count--;
        item = _items.Dequeue();
        return true;
    }
}
