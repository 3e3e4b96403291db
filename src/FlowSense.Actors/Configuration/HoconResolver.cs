using System.Text;

namespace FlowSense.Actors.Configuration;

/// <summary>
/// Turns the unresolved tree into values: merges duplicate keys, evaluates substitutions and concatenations,
/// applies <c>+=</c>.
/// </summary>
/// <remarks>
/// Each key holds a merge stack (every value assigned to it, oldest first). A stack's value is its top entry,
/// merged with the entries below while they are objects; a non-object hides everything below it, which is
/// therefore never evaluated. Substitutions look forward at the final value of their path, except through a
/// field that is being resolved: while <c>path = ${path}":x"</c> is evaluated, that entry and the ones above it
/// are invisible to lookups, so the substitution sees the older value (the spec's self-referential rule).
/// Results are memoized per node, so each substitution is evaluated once.
/// </remarks>
internal sealed class HoconResolver
{
    /// <summary>Objects nested, or substitutions chained, deeper than this are refused rather than overflowing the stack.</summary>
    internal const int MaxDepth = 256;

    private readonly ObjectNode _root;
    private readonly Func<string, string?> _environment;
    private readonly HashSet<SyntaxNode> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<SyntaxNode> _arraysInProgress = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<SyntaxNode, HoconValue?> _resolved = new(ReferenceEqualityComparer.Instance);
    private int _depth;
    private int _lookupsCutByCycle;

    private HoconResolver(ObjectNode root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    /// <summary>Resolves a parsed document. Unresolved substitutions fall back to <paramref name="environment"/>.</summary>
    public static HoconObject Resolve(ObjectNode root, Func<string, string?> environment)
    {
        var resolver = new HoconResolver(root, environment);
        return resolver.BuildObject([new ObjectLayer(root, null)]);
    }

    /// <summary>Merges resolved objects, later ones overriding earlier ones, exactly like duplicate keys in a file.</summary>
    public static HoconObject Merge(IReadOnlyList<HoconObject> oldestFirst)
    {
        var resolver = new HoconResolver(new ObjectNode(oldestFirst[0].Position), _ => null);
        return resolver.BuildObject([.. oldestFirst.Select(obj => new ObjectLayer(null, obj))]);
    }

    /// <summary>One object in a merge: as written (fields still unresolved) or already resolved.</summary>
    private readonly record struct ObjectLayer(ObjectNode? Syntax, HoconObject? Resolved)
    {
        public IEnumerable<string> Keys => Syntax?.Keys ?? Resolved!.Keys;

        public SourcePosition Position => Syntax?.Position ?? Resolved!.Position;

        public void AddEntries(string key, List<SyntaxNode> stack)
        {
            if (Syntax is not null)
            {
                if (Syntax.TryGetEntries(key, out var entries))
                {
                    stack.AddRange(entries);
                }
            }
            else if (Resolved!.TryGetValue(key, out var value))
            {
                stack.Add(new LiteralNode(value));
            }
        }
    }

    private HoconObject BuildObject(List<ObjectLayer> layers)
    {
        var position = layers[^1].Position;
        Enter(position);
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in layers.SelectMany(layer => layer.Keys))
        {
            if (seen.Add(key))
            {
                keys.Add(key);
            }
        }

        var fields = new List<KeyValuePair<string, HoconValue>>(keys.Count);
        foreach (var key in keys)
        {
            var stack = new List<SyntaxNode>();
            layers.ForEach(layer => layer.AddEntries(key, stack));
            if (Evaluate(stack, cutAtCycle: false) is { } value)
            {
                fields.Add(new(key, value));
            }
        }

        _depth--;
        return new HoconObject(fields, position);
    }

    /// <summary>The value of a merge stack, or null when every entry is undefined (<c>${?missing}</c>).</summary>
    private HoconValue? Evaluate(List<SyntaxNode> stack, bool cutAtCycle)
    {
        var layers = ObjectLayers(stack, cutAtCycle, out var top);
        return layers is null ? top : BuildObject(layers);
    }

    /// <summary>
    /// Walks the stack from the top: gathers object layers until a non-object hides the rest. Returns null
    /// (with <paramref name="top"/> set) when the topmost defined entry is not an object.
    /// </summary>
    private List<ObjectLayer>? ObjectLayers(List<SyntaxNode> stack, bool cutAtCycle, out HoconValue? top)
    {
        top = null;
        var visible = cutAtCycle ? VisibleCount(stack) : stack.Count;
        List<ObjectLayer>? layers = null;
        for (var i = visible - 1; i >= 0; i--)
        {
            var node = stack[i];
            if (node is ObjectNode syntax)
            {
                (layers ??= []).Add(new ObjectLayer(syntax, null));
                continue;
            }

            var value = node is AppendNode append ? ResolveAppend(append, stack, i) : ResolveStandalone(node);
            if (value is HoconObject resolved)
            {
                (layers ??= []).Add(new ObjectLayer(null, resolved));
            }
            else if (value is not null)
            {
                if (layers is null)
                {
                    top = value;
                }

                break;
            }
        }

        layers?.Reverse();
        return layers;
    }

    /// <summary>Entries below the lowest one being resolved right now: the spec's "look backward" rule.</summary>
    private int VisibleCount(List<SyntaxNode> stack)
    {
        for (var i = 0; i < stack.Count; i++)
        {
            if (_inProgress.Contains(stack[i]))
            {
                _lookupsCutByCycle++;
                return i;
            }
        }

        return stack.Count;
    }

    private HoconValue? Lookup(HoconPath path)
    {
        List<SyntaxNode> stack = [_root];
        foreach (var key in path.Elements)
        {
            var layers = ObjectLayers(stack, cutAtCycle: true, out _);
            if (layers is null)
            {
                return null;
            }

            stack = [];
            layers.ForEach(layer => layer.AddEntries(key, stack));
            if (stack.Count == 0)
            {
                return null;
            }
        }

        return Evaluate(stack, cutAtCycle: true);
    }

    private HoconValue? ResolveStandalone(SyntaxNode node) => node switch
    {
        LiteralNode literal => literal.Value,
        ObjectNode syntax => BuildObject([new ObjectLayer(syntax, null)]),
        ArrayNode array => ResolveArray(array),
        AppendNode append => ResolveAppend(append, [append], 0),
        WhitespaceNode whitespace => HoconScalar.String(whitespace.Text, whitespace.Position),
        _ => ResolveComputed(node),
    };

    private HoconValue? ResolveComputed(SyntaxNode node) =>
        Memoized(node, _inProgress, "substitution cycle: this value needs the value of an object or array that contains it",
            () => node is SubstitutionNode substitution
                ? ResolveSubstitution(substitution)
                : ResolveConcatenation((ConcatenationNode)node));

    /// <summary>
    /// Evaluates <paramref name="node"/> once: later requests get the same value (the spec requires
    /// memoization per substitution). Meeting the node again while it is being evaluated is a cycle.
    /// </summary>
    private HoconValue? Memoized(SyntaxNode node, HashSet<SyntaxNode> inProgress, string cycleProblem, Func<HoconValue?> evaluate)
    {
        if (_resolved.TryGetValue(node, out var done))
        {
            return done;
        }

        if (!inProgress.Add(node))
        {
            throw new HoconParseException(node.Position, cycleProblem);
        }

        Enter(node.Position);
        try
        {
            var value = evaluate();
            _resolved[node] = value;
            return value;
        }
        finally
        {
            inProgress.Remove(node);
            _depth--;
        }
    }

    private HoconValue? ResolveSubstitution(SubstitutionNode substitution)
    {
        var cutsBefore = _lookupsCutByCycle;
        foreach (var candidate in substitution.Candidates)
        {
            if (Lookup(candidate) is { } found)
            {
                return found;
            }
        }

        var name = string.Join('.', substitution.Path.Elements);
        var fromEnvironment = _environment(name);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return HoconScalar.String(fromEnvironment, substitution.Position);
        }

        if (substitution.IsOptional)
        {
            return null;
        }

        var written = $"${{{substitution.Path}}}";
        throw new HoconParseException(substitution.Position, _lookupsCutByCycle != cutsBefore
            ? $"substitution {written} refers back to itself (directly or through other substitutions) and there is no earlier value to use"
            : $"could not resolve substitution {written}: no such path in the configuration and no environment variable '{name}'");
    }

    private HoconValue? ResolveConcatenation(ConcatenationNode concatenation)
    {
        var values = new List<(SyntaxNode Part, HoconValue? Value)>(concatenation.Parts.Count);
        HoconValue? firstContainer = null;
        HoconValue? firstSimple = null;
        foreach (var part in concatenation.Parts)
        {
            var value = part is WhitespaceNode ? null : ResolveStandalone(part);
            values.Add((part, value));
            if (value is null)
            {
                continue;
            }

            if (value.Type is HoconValueType.Object or HoconValueType.Array)
            {
                firstContainer ??= value;
                if (value.Type != firstContainer.Type)
                {
                    throw MixedConcatenation(part, firstContainer, value);
                }
            }
            else
            {
                firstSimple ??= value;
            }

            if (firstContainer is not null && firstSimple is not null)
            {
                throw MixedConcatenation(part, firstContainer, firstSimple);
            }
        }

        if (firstContainer is null && firstSimple is null)
        {
            return null;
        }

        if (firstContainer is HoconArray)
        {
            return new HoconArray(values.Select(v => v.Value).OfType<HoconArray>().SelectMany(array => array), concatenation.Position);
        }

        if (firstContainer is HoconObject)
        {
            return BuildObject([.. values.Select(v => v.Value).OfType<HoconObject>().Select(obj => new ObjectLayer(null, obj))]);
        }

        var text = new StringBuilder();
        foreach (var (part, value) in values)
        {
            text.Append(part is WhitespaceNode whitespace ? whitespace.Text : (value as HoconScalar)?.Text);
        }

        return HoconScalar.String(text.ToString(), concatenation.Position);
    }

    private static HoconParseException MixedConcatenation(SyntaxNode part, HoconValue one, HoconValue other) =>
        new(part.Position,
            $"cannot concatenate {Describe(one.Type)} with {Describe(other.Type)}: only strings, only arrays or only objects can be joined");

    private static string Describe(HoconValueType type) => type switch
    {
        HoconValueType.Object => "an object",
        HoconValueType.Array => "an array",
        HoconValueType.Null => "null",
        _ => $"a {type.ToString().ToLowerInvariant()}",
    };

    private HoconValue ResolveArray(ArrayNode array) =>
        Memoized(array, _arraysInProgress, "substitution cycle: an element of this array needs the value of the array itself", () =>
        {
            var elements = new List<HoconValue>(array.Elements.Count);
            foreach (var element in array.Elements)
            {
                if (ResolveStandalone(element) is { } value)
                {
                    elements.Add(value);
                }
            }

            return new HoconArray(elements, array.Position);
        })!;

    /// <summary><c>a += x</c> means <c>a = ${?a} [x]</c>: the value below this entry, which must be an array or absent.</summary>
    private HoconValue ResolveAppend(AppendNode append, List<SyntaxNode> stack, int index) =>
        Memoized(append, _inProgress, "substitution cycle: this '+=' needs its own result", () =>
        {
            var previous = Evaluate(stack.GetRange(0, index), cutAtCycle: true);
            if (previous is not (null or HoconArray))
            {
                throw new HoconParseException(append.Position,
                    $"'+=' appends to an array, but the earlier value (at {previous.Position}) is {Describe(previous.Type)}");
            }

            var elements = previous is HoconArray earlier ? earlier.ToList() : [];
            if (ResolveStandalone(append.Element) is { } element)
            {
                elements.Add(element);
            }

            return new HoconArray(elements, append.Position);
        })!;

    private void Enter(SourcePosition position)
    {
        if (++_depth > MaxDepth)
        {
            throw new HoconParseException(position,
                $"the configuration nests objects or chains substitutions deeper than {MaxDepth} levels");
        }
    }
}
