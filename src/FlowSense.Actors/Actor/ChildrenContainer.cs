namespace FlowSense.Actors;

/// <summary>
/// A parent's children by name, plus the ones it asked to stop. Names stay reserved until a child has
/// terminated. Guarded by its own lock: the system creates top-level actors from any thread and the
/// hierarchy view reads it from outside the actor.
/// </summary>
internal sealed class ChildrenContainer
{
    private readonly Dictionary<string, ActorCell> _byName = new(StringComparer.Ordinal);
    private HashSet<ActorCell>? _stopping;
    private long _generatedNames;

    public Lock Sync { get; } = new();

    public int Count
    {
        get
        {
            lock (Sync)
                return _byName.Count;
        }
    }

    public int StoppingCount
    {
        get
        {
            lock (Sync)
                return _stopping?.Count ?? 0;
        }
    }

    public string NextGeneratedName() => "$" + Interlocked.Increment(ref _generatedNames).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reserves <paramref name="name"/> for <paramref name="child"/>; false when taken.</summary>
    public bool TryAdd(string name, ActorCell child)
    {
        lock (Sync)
            return _byName.TryAdd(name, child);
    }

    public ActorCell? Get(string name)
    {
        lock (Sync)
            return _byName.TryGetValue(name, out ActorCell? child) ? child : null;
    }

    public bool Contains(ActorCell child)
    {
        lock (Sync)
            return _byName.TryGetValue(child.SelfRef.Path.Name, out ActorCell? found) && ReferenceEquals(found, child);
    }

    public ActorCell[] Snapshot()
    {
        lock (Sync)
            return [.. _byName.Values];
    }

    /// <summary>Children not being stopped.</summary>
    public ActorCell[] Living()
    {
        lock (Sync)
            return [.. _byName.Values.Where(c => _stopping is null || !_stopping.Contains(c))];
    }

    public void MarkStopping(ActorCell child)
    {
        lock (Sync)
        {
            if (_byName.ContainsKey(child.SelfRef.Path.Name))
                (_stopping ??= []).Add(child);
        }
    }

    public bool IsStopping(ActorCell child)
    {
        lock (Sync)
            return _stopping?.Contains(child) == true;
    }

    public void Remove(ActorCell child)
    {
        lock (Sync)
        {
            if (_byName.TryGetValue(child.SelfRef.Path.Name, out ActorCell? found) && ReferenceEquals(found, child))
                _byName.Remove(child.SelfRef.Path.Name);
            _stopping?.Remove(child);
        }
    }
}
