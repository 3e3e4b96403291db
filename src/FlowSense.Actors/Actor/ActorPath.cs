namespace FlowSense.Actors;

/// <summary>The location of an actor in its system's hierarchy: <c>/user/shards/17/AAPL</c>.</summary>
/// <remarks>A chain of (parent, name) pairs; the string form is built on first use and cached.</remarks>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private string? _text;

    private ActorPath(ActorPath? parent, string name)
    {
        Parent = parent;
        Name = name;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The root path <c>/</c>.</summary>
    public static ActorPath Root { get; } = new(null, "");

    /// <summary>The parent path; null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element, e.g. <c>AAPL</c>.</summary>
    public string Name { get; }

    /// <summary>The number of elements below the root.</summary>
    public int Depth { get; }

    /// <summary>The path of a child called <paramref name="name"/>.</summary>
    public ActorPath Child(string name) => new(this, name);

    /// <summary>The elements from the root down, e.g. <c>["user", "feeds", "binance"]</c>.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new string[Depth];
            for (ActorPath? p = this; p is { Parent: not null }; p = p.Parent)
                elements[p.Depth - 1] = p.Name;
            return elements;
        }
    }

    /// <inheritdoc />
    public override string ToString() => _text ??= Parent is null ? "/" : string.Join('/', ["", .. Elements]);

    /// <inheritdoc />
    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other is null || other.Depth != Depth)
            return false;
        for (ActorPath? a = this, b = other; a is not null; a = a.Parent, b = b!.Parent)
        {
            if (ReferenceEquals(a, b))
                return true;
            if (!string.Equals(a.Name, b!.Name, StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
