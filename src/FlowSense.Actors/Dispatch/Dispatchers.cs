using System.Collections.Concurrent;

namespace FlowSense.Actors;

/// <summary>The dispatchers of a system, by id. <see cref="Props.WithDispatcher"/> names one.</summary>
public sealed class Dispatchers
{
    /// <summary>The thread-pool dispatcher configured by <c>default-dispatcher</c>.</summary>
    public const string DefaultId = "default";

    /// <summary>One thread per actor, for blocking connectors.</summary>
    public const string DedicatedThreadId = "dedicated-thread";

    /// <summary>Turns run on the sender's thread (tests only).</summary>
    public const string CallingThreadId = "calling-thread";

    /// <summary>A fixed set of threads, each actor pinned to one (<see cref="LaneDispatcher"/>), configured by <c>lanes-dispatcher</c>.</summary>
    public const string LanesId = "lanes";

    private readonly ConcurrentDictionary<string, MessageDispatcher> _byId = new(StringComparer.Ordinal);

    internal Dispatchers(DispatcherOptions options, LanesDispatcherOptions lanes)
    {
        Default = new ThreadPoolDispatcher(options.Throughput);
        _byId[DefaultId] = Default;
        _byId[DedicatedThreadId] = new DedicatedThreadDispatcher(options.Throughput);
        _byId[CallingThreadId] = new CallingThreadDispatcher();
        _byId[LanesId] = new LaneDispatcher(LanesId, lanes.Threads, lanes.Throughput, lanes.IdleSpin); // its threads start with its first actor
    }

    /// <summary>The default thread-pool dispatcher.</summary>
    public MessageDispatcher Default { get; }

    /// <summary>Registers a dispatcher under <paramref name="id"/>; the system disposes it (if it is <see cref="IDisposable"/>) when it terminates.</summary>
    /// <exception cref="ArgumentException">The id is taken.</exception>
    public void Register(string id, MessageDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        if (!_byId.TryAdd(id, dispatcher))
            throw new ArgumentException($"A dispatcher '{id}' is already registered.", nameof(id));
    }

    /// <summary>Stops the threads of the dispatchers that own some (after the last actor has stopped).</summary>
    internal void Shutdown()
    {
        foreach (MessageDispatcher dispatcher in _byId.Values)
            (dispatcher as IDisposable)?.Dispose();
    }

    /// <summary>The dispatcher registered under <paramref name="id"/>; the default for null.</summary>
    /// <exception cref="ArgumentException">No dispatcher has that id.</exception>
    public MessageDispatcher Lookup(string? id)
    {
        if (id is null)
            return Default;
        return _byId.TryGetValue(id, out MessageDispatcher? dispatcher)
            ? dispatcher
            : throw new ArgumentException($"No dispatcher '{id}' is registered (known: {string.Join(", ", _byId.Keys)}).", nameof(id));
    }
}
