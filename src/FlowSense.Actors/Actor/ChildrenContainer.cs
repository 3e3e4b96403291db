using System.Globalization;

namespace FlowSense.Actors;

/// <summary>
/// A parent's children, plus the ones it asked to stop. Names stay reserved until a child has terminated.
/// Small families (the common case) live in a plain array searched linearly; a name index is built only past
/// <see cref="IndexThreshold"/> children, which keeps per-child memory low when millions of actors are spawned.
/// Guarded by a lock on the container: the system creates top-level actors from any thread and the hierarchy
/// view reads it from outside the actor.
/// </summary>
internal sealed class ChildrenContainer
{
    private const int IndexThreshold = 16;

    private ActorCell[] _children = new ActorCell[4];
    private int _count;
    private Dictionary<string, int>? _indexByName; // name → position in _children, past the threshold
    private HashSet<ActorCell>? _stopping;
    private long _generatedNames;

    public int Count
    {
        get
        {
            lock (this)
                return _count;
        }
    }

    public int StoppingCount
    {
        get
        {
            lock (this)
                return _stopping?.Count ?? 0;
        }
    }

    /// <summary>A unique generated name (<c>$</c> and a base-36 counter); user names may not start with <c>$</c>.</summary>
    public string NextGeneratedName()
    {
        long n = Interlocked.Increment(ref _generatedNames);
        Span<char> digits = stackalloc char[16];
        int i = digits.Length;
        do
        {
            long digit = n % 36;
            digits[--i] = (char)(digit < 10 ? '0' + digit : 'a' + digit - 10);
            n /= 36;
        }
        while (n > 0);
        digits[--i] = '$';
        return new string(digits[i..]);
    }

    /// <summary>Adds <paramref name="child"/>; false when its name is taken (generated names are unique by construction).</summary>
    public bool TryAdd(ActorCell child, bool generatedName)
    {
        lock (this)
        {
            if (!generatedName && Find(child.Name) is not null)
                return false;
            if (_count == _children.Length)
                Array.Resize(ref _children, _count * 2);
            _children[_count] = child;
            if (_indexByName is not null)
            {
                _indexByName[child.Name] = _count;
            }
            else if (_count + 1 > IndexThreshold)
            {
                _indexByName = new Dictionary<string, int>(_count * 2, StringComparer.Ordinal);
                for (int i = 0; i <= _count; i++)
                    _indexByName[_children[i].Name] = i;
            }
            _count++;
            return true;
        }
    }

    public ActorCell? Get(string name)
    {
        lock (this)
            return Find(name);
    }

    public bool Contains(ActorCell child)
    {
        lock (this)
            return IndexOf(child) >= 0;
    }

    public ActorCell[] Snapshot()
    {
        lock (this)
            return _children.AsSpan(0, _count).ToArray();
    }

    /// <summary>Children not being stopped.</summary>
    public ActorCell[] Living()
    {
        lock (this)
            return [.. _children.AsSpan(0, _count).ToArray().Where(c => _stopping is null || !_stopping.Contains(c))];
    }

    public void MarkStopping(ActorCell child)
    {
        lock (this)
        {
            if (IndexOf(child) >= 0)
                (_stopping ??= []).Add(child);
        }
    }

    public bool IsStopping(ActorCell child)
    {
        lock (this)
            return _stopping?.Contains(child) == true;
    }

    public void Remove(ActorCell child)
    {
        lock (this)
        {
            int index = IndexOf(child);
            if (index >= 0)
            {
                ActorCell last = _children[--_count];
                _children[index] = last;
                _children[_count] = null!;
                if (_indexByName is not null)
                {
                    _indexByName.Remove(child.Name);
                    if (!ReferenceEquals(last, child))
                        _indexByName[last.Name] = index;
                }
            }
            _stopping?.Remove(child);
        }
    }

    private ActorCell? Find(string name)
    {
        if (_indexByName is not null)
            return _indexByName.TryGetValue(name, out int index) ? _children[index] : null;
        for (int i = 0; i < _count; i++)
        {
            if (string.Equals(_children[i].Name, name, StringComparison.Ordinal))
                return _children[i];
        }
        return null;
    }

    private int IndexOf(ActorCell child)
    {
        if (_indexByName is not null)
            return _indexByName.TryGetValue(child.Name, out int index) && ReferenceEquals(_children[index], child) ? index : -1;
        return Array.IndexOf(_children, child, 0, _count);
    }
}
