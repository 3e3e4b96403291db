namespace FlowSense.Actors;

/// <summary>The stash, and the queue of unstashed messages the turn reads before the mailbox.</summary>
internal sealed partial class ActorCell
{
    internal IStash Stash => Extras.Stash ??= new StashBuffer(this, _system.Options.StashCapacity);

    /// <summary>Puts <paramref name="envelopes"/> (oldest first) ahead of every message waiting.</summary>
    private void PushFront(List<Envelope> envelopes)
    {
        if (envelopes.Count == 0)
            return;
        CellExtras extras = Extras;
        Queue<Envelope>? waiting = extras.Unstashed;
        var front = new Queue<Envelope>(envelopes.Count + (waiting?.Count ?? 0));
        foreach (Envelope envelope in envelopes)
            front.Enqueue(envelope);
        if (waiting is not null)
        {
            while (waiting.TryDequeue(out Envelope envelope))
                front.Enqueue(envelope);
        }
        extras.Unstashed = front;
        TrySchedule(); // no-op inside the turn; wakes the actor if called from a hook outside it
    }

    private bool HasUnstashed => _extras?.Unstashed is { Count: > 0 };

    /// <summary>The stash of one actor, bounded by <c>stash-capacity</c>.</summary>
    private sealed class StashBuffer(ActorCell cell, int capacity) : IStash
    {
        private readonly List<Envelope> _items = [];

        public int Count => _items.Count;

        public void Stash()
        {
            if (_items.Count >= capacity)
                throw new StashOverflowException(cell, capacity);
            object message = cell._currentMessage ?? throw new InvalidOperationException("There is no current message to stash.");
            _items.Add(new Envelope(message, cell._currentSender));
        }

        public void Unstash()
        {
            if (_items.Count == 0)
                return;
            Envelope first = _items[0];
            _items.RemoveAt(0);
            cell.PushFront([first]);
        }

        public void UnstashAll()
        {
            List<Envelope> all = [.. _items];
            _items.Clear();
            cell.PushFront(all);
        }

        public IReadOnlyList<Envelope> ClearStash()
        {
            Envelope[] all = [.. _items];
            _items.Clear();
            return all;
        }
    }
}
