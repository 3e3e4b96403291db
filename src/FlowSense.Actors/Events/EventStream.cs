using System.Collections.Concurrent;

namespace FlowSense.Actors;

/// <summary>
/// System-wide publish/subscribe by type: a subscriber to a type receives events of that type and of every
/// type derived from it (subscribe to <see cref="object"/> for everything).
/// </summary>
/// <remarks>Subscriptions are copy-on-write; the subscribers for each event type are cached until they change.</remarks>
public sealed class EventStream
{
    private readonly Lock _sync = new();
    private ConcurrentDictionary<Type, Subscription[]> _byEventType = new(); // replaced (not cleared) on change, so a stale fill lands in the old one
    private Subscription[] _subscriptions = [];

    /// <summary>Sends events assignable to <paramref name="channel"/> to <paramref name="subscriber"/>.</summary>
    /// <returns>False when that subscription already existed.</returns>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_sync)
        {
            if (Array.Exists(_subscriptions, s => ReferenceEquals(s.Target, subscriber) && s.Channel == channel))
                return false;
            Change([.. _subscriptions, new Subscription(channel, subscriber, null)]);
            return true;
        }
    }

    /// <summary>Calls <paramref name="handler"/> (on the publisher's thread) for events assignable to <typeparamref name="T"/>.</summary>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable Subscribe<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(typeof(T), null, e => handler((T)e));
        lock (_sync)
            Change([.. _subscriptions, subscription]);
        return new Unsubscriber(this, subscription);
    }

    /// <summary>Removes <paramref name="subscriber"/> from <paramref name="channel"/>, or from every channel when null.</summary>
    public void Unsubscribe(IActorRef subscriber, Type? channel = null)
    {
        lock (_sync)
            Change(Array.FindAll(_subscriptions, s => !(ReferenceEquals(s.Target, subscriber) && (channel is null || s.Channel == channel))));
    }

    /// <summary>Delivers <paramref name="event"/> to every matching subscriber.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (Volatile.Read(ref _subscriptions).Length == 0)
            return;
        Type type = @event.GetType();
        ConcurrentDictionary<Type, Subscription[]> cache = Volatile.Read(ref _byEventType);
        if (!cache.TryGetValue(type, out Subscription[]? matching))
        {
            matching = Array.FindAll(Volatile.Read(ref _subscriptions), s => s.Channel.IsAssignableFrom(type));
            cache.TryAdd(type, matching);
        }
        foreach (Subscription subscription in matching)
        {
            if (subscription.Target is { } target)
                target.Tell(@event, null);
            else
                subscription.Callback!(@event);
        }
    }

    private void Change(Subscription[] subscriptions)
    {
        Volatile.Write(ref _subscriptions, subscriptions);
        Volatile.Write(ref _byEventType, new ConcurrentDictionary<Type, Subscription[]>());
    }

    private sealed record Subscription(Type Channel, IActorRef? Target, Action<object>? Callback);

    private sealed class Unsubscriber(EventStream stream, Subscription subscription) : IDisposable
    {
        public void Dispose()
        {
            lock (stream._sync)
                stream.Change(Array.FindAll(stream._subscriptions, s => !ReferenceEquals(s, subscription)));
        }
    }
}
