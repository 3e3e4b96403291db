namespace FlowSense.Actors.Configuration;

// The unresolved tree the parser builds and the resolver reads. Nothing here is merged or evaluated yet:
// substitutions may look forward, so merging waits until everything (includes too) has been read.

/// <summary>A node of the unresolved tree. Compared by reference: each node is one place in a file.</summary>
internal abstract class SyntaxNode(SourcePosition position)
{
    public SourcePosition Position { get; } = position;
}

/// <summary>
/// An object as written: for each key, every value assigned to it in order (its <em>merge stack</em>).
/// Later entries override earlier ones, or merge with them when both turn out to be objects.
/// </summary>
internal sealed class ObjectNode(SourcePosition position) : SyntaxNode(position)
{
    private readonly Dictionary<string, List<SyntaxNode>> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];

    public IReadOnlyList<string> Keys => _keys;

    public IEnumerable<SyntaxNode> AllEntries => _fields.Values.SelectMany(entries => entries);

    public bool TryGetEntries(string key, out List<SyntaxNode> entries) => _fields.TryGetValue(key, out entries!);

    public void Append(string key, SyntaxNode value)
    {
        if (!_fields.TryGetValue(key, out var entries))
        {
            entries = [];
            _fields.Add(key, entries);
            _keys.Add(key);
        }

        entries.Add(value);
    }

    /// <summary>Appends every entry of <paramref name="other"/>, key by key: an include's fields taking its place.</summary>
    public void AppendAll(ObjectNode other)
    {
        foreach (var key in other._keys)
        {
            other._fields[key].ForEach(entry => Append(key, entry));
        }
    }

    /// <summary><c>a.b.c = v</c> is <c>a { b { c = v } }</c>: one new object per key but the last.</summary>
    public void Assign(HoconPath path, SyntaxNode value, SourcePosition keyPosition)
    {
        var target = this;
        var elements = path.Elements;
        for (var i = 0; i < elements.Count - 1; i++)
        {
            var nested = new ObjectNode(keyPosition);
            target.Append(elements[i], nested);
            target = nested;
        }

        target.Append(elements[^1], value);
    }
}

/// <summary>An array as written.</summary>
internal sealed class ArrayNode(SourcePosition position, IReadOnlyList<SyntaxNode> elements) : SyntaxNode(position)
{
    public IReadOnlyList<SyntaxNode> Elements { get; } = elements;
}

/// <summary>A value that needs no resolution: a literal scalar, or an already resolved value.</summary>
internal sealed class LiteralNode(HoconValue value) : SyntaxNode(value.Position)
{
    public HoconValue Value { get; } = value;
}

/// <summary>Whitespace between two parts of a concatenation; kept only when the result is a string.</summary>
internal sealed class WhitespaceNode(SourcePosition position, string text) : SyntaxNode(position)
{
    public string Text { get; } = text;
}

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. <see cref="Candidates"/> are tried in order: a substitution in an
/// included file is first looked up under the key the file was included at, then as written.
/// </summary>
internal sealed class SubstitutionNode(SourcePosition position, HoconPath path, bool isOptional) : SyntaxNode(position)
{
    public HoconPath Path { get; } = path;

    public bool IsOptional { get; } = isOptional;

    public List<HoconPath> Candidates { get; } = [path];
}

/// <summary>Several values on one line (<c>${a} b [1] [2]</c>): a string, an array or an object once resolved.</summary>
internal sealed class ConcatenationNode(SourcePosition position, IReadOnlyList<SyntaxNode> parts) : SyntaxNode(position)
{
    public IReadOnlyList<SyntaxNode> Parts { get; } = parts;
}

/// <summary><c>key += element</c>: the earlier array at the key (or an empty one) with the element appended.</summary>
internal sealed class AppendNode(SourcePosition position, SyntaxNode element) : SyntaxNode(position)
{
    public SyntaxNode Element { get; } = element;
}
