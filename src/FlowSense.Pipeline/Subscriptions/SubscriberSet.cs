using FlowSense.Actors;

namespace FlowSense.Pipeline.Subscriptions;

/// <summary>
/// A symbol's subscribers and their credit. An update goes out at once to a subscriber with credit and nothing
/// queued; otherwise it waits in that subscriber's queue until credit comes. While any queue holds an update the set
/// is <see cref="IsBlocked"/>, and the symbol actor withholds its acknowledgements, so queues stay small: at most
/// what one slice of events publishes.
/// </summary>
internal sealed class SubscriberSet
{
    private readonly List<Subscriber> _subscribers = [];

    public int Count => _subscribers.Count;

    /// <summary>True while some subscriber has updates waiting for credit.</summary>
    public bool IsBlocked
    {
        get
        {
            foreach (var s in _subscribers)
            {
                if (s.Waiting.Count > 0)
                    return true;
            }
            return false;
        }
    }

    /// <summary>True when any subscriber wants <paramref name="topic"/>.</summary>
    public bool Wants(SymbolTopics topic)
    {
        foreach (var s in _subscribers)
        {
            if ((s.Topics & topic) != 0)
                return true;
        }
        return false;
    }

    /// <summary>Updates discarded because their subscriber left before taking them.</summary>
    public long Discarded { get; private set; }

    public IEnumerable<IActorRef> Refs => _subscribers.Select(s => s.Ref);

    /// <summary>Adds a subscriber, or changes an existing one's topics and adds to its credit.</summary>
    public void Add(IActorRef subscriber, int credit, SymbolTopics topics, IActorRef from)
    {
        var existing = Find(subscriber);
        if (existing is null)
        {
            _subscribers.Add(new Subscriber(subscriber, topics, Math.Max(0, credit)));
            return;
        }
        existing.Topics = topics;
        Grant(subscriber, credit, from);
    }

    /// <summary>Removes a subscriber; false if it was not subscribed.</summary>
    public bool Remove(IActorRef subscriber)
    {
        var existing = Find(subscriber);
        if (existing is null)
            return false;
        Discarded += existing.Waiting.Count;
        _subscribers.Remove(existing);
        return true;
    }

    /// <summary>Sends (or queues) <paramref name="update"/> to every subscriber of <paramref name="topic"/>, from <paramref name="from"/>.</summary>
    public void Publish(object update, SymbolTopics topic, IActorRef from)
    {
        foreach (var s in _subscribers)
        {
            if ((s.Topics & topic) == 0)
                continue;
            if (s.Credit > 0 && s.Waiting.Count == 0)
            {
                s.Credit--;
                s.Ref.Tell(update, from);
            }
            else
            {
                s.Waiting.Enqueue(update);
            }
        }
    }

    /// <summary>Adds credit and sends what was waiting for it; false if <paramref name="subscriber"/> is not subscribed.</summary>
    public bool Grant(IActorRef subscriber, int credit, IActorRef from)
    {
        var s = Find(subscriber);
        if (s is null || credit <= 0)
            return s is not null;
        s.Credit += credit;
        while (s.Credit > 0 && s.Waiting.TryDequeue(out object? update))
        {
            s.Credit--;
            s.Ref.Tell(update, from);
        }
        return true;
    }

    private Subscriber? Find(IActorRef subscriber) => _subscribers.Find(s => s.Ref.Equals(subscriber));

    private sealed class Subscriber(IActorRef subscriber, SymbolTopics topics, int credit)
    {
        public IActorRef Ref { get; } = subscriber;

        public SymbolTopics Topics { get; set; } = topics;

        public int Credit { get; set; } = credit;

        public Queue<object> Waiting { get; } = new();
    }
}
