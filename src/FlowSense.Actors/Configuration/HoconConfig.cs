using System.Globalization;

namespace FlowSense.Actors.Configuration;

/// <summary>
/// A resolved HOCON configuration and typed access to it by path (<c>flowsense.actor.ask-timeout</c>).
/// Conversions follow the spec's recommendations: numbers and booleans read from strings, <c>yes</c>/<c>on</c>
/// count as true, durations and sizes use the units format; null and containers are never converted.
/// </summary>
public sealed class HoconConfig
{
    private static readonly SourcePosition NowhereInParticular = new("(empty)", 1, 1);

    // Every configuration merged into this one, oldest fallback first. Merging all of them at once, rather than
    // two merged results, keeps the spec's rule that a non-object hides the objects below it.
    private readonly IReadOnlyList<HoconObject> _layers;

    /// <summary>Wraps an already resolved object.</summary>
    public HoconConfig(HoconObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        _layers = [root];
    }

    private HoconConfig(IReadOnlyList<HoconObject> layers)
    {
        _layers = layers;
        Root = HoconResolver.Merge(layers);
    }

    /// <summary>A configuration with no keys.</summary>
    public static HoconConfig Empty { get; } = new(new HoconObject([], NowhereInParticular));

    /// <summary>The resolved root object.</summary>
    public HoconObject Root { get; }

    /// <summary>
    /// Parses and resolves HOCON text. <paramref name="origin"/> names it in error messages; relative includes
    /// are looked up in <paramref name="baseDirectory"/> (none allowed when it is null). Substitutions missing
    /// from the document fall back to <paramref name="environment"/> (default: the process environment).
    /// </summary>
    /// <exception cref="HoconParseException">The text is malformed or cannot be resolved.</exception>
    public static HoconConfig ParseString(string text, string origin = "string", string? baseDirectory = null,
        Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var document = new HoconIncluder().ParseText(text, origin, baseDirectory);
        return new HoconConfig(HoconResolver.Resolve(document, environment ?? Environment.GetEnvironmentVariable));
    }

    /// <summary>Reads, parses and resolves a HOCON file and what it includes.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="HoconParseException">The file, or one it includes, is malformed or cannot be resolved.</exception>
    public static HoconConfig LoadFile(string path, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var document = new HoconIncluder().LoadFile(path);
        return new HoconConfig(HoconResolver.Resolve(document, environment ?? Environment.GetEnvironmentVariable));
    }

    /// <summary>Whether <paramref name="path"/> holds a value other than null.</summary>
    public bool HasPath(string path) => GetValue(path) is { Type: not HoconValueType.Null };

    /// <summary>The value at <paramref name="path"/>, or null if there is none.</summary>
    public HoconValue? GetValue(string path)
    {
        HoconValue current = Root;
        foreach (var key in HoconPath.Parse(path).Elements)
        {
            if (current is not HoconObject obj || !obj.TryGetValue(key, out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    /// <summary>A string, number or boolean as text.</summary>
    public string GetString(string path) => Scalar(path, "a string").Text;

    /// <summary>A number (or a string holding one) that fits in an <see cref="int"/>.</summary>
    public int GetInt(string path) =>
        int.TryParse(Number(path, out var value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw Mismatch(path, value, "a whole number that fits in 32 bits");

    /// <summary>A number (or a string holding one) that fits in a <see cref="long"/>.</summary>
    public long GetLong(string path) =>
        long.TryParse(Number(path, out var value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw Mismatch(path, value, "a whole number that fits in 64 bits");

    /// <summary>A number (or a string holding one).</summary>
    public double GetDouble(string path) =>
        double.Parse(Number(path, out _), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A boolean, or one of the strings true/yes/on/false/no/off.</summary>
    public bool GetBoolean(string path)
    {
        var value = Scalar(path, "a boolean");
        return value.Text switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Mismatch(path, value, "a boolean (true/yes/on or false/no/off)"),
        };
    }

    /// <summary>A duration such as <c>5s</c> or <c>500 ms</c>; a bare number is in milliseconds.</summary>
    public TimeSpan GetDuration(string path)
    {
        var value = Scalar(path, "a duration");
        return HoconDuration.TryParse(value.Text, requireUnit: false, out var duration)
            ? duration
            : throw Mismatch(path, value, "a duration (a number and ns/us/ms/s/m/h/d, whole 100 ns ticks)");
    }

    /// <summary>A size such as <c>4 KiB</c> or <c>10MB</c>, in bytes; a bare number is in bytes.</summary>
    public long GetBytes(string path)
    {
        var value = Scalar(path, "a size in bytes");
        return HoconByteSize.TryParse(value.Text, requireUnit: false, out var bytes)
            ? bytes
            : throw Mismatch(path, value, "a size in bytes (a number and B, kB/MB/GB... or K/KiB/M/MiB/G/GiB...)");
    }

    /// <summary>
    /// The strings of an array. An object whose keys are indexes (<c>list.0 = a, list.1 = b</c>) also reads as
    /// an array, ordered by index, as the spec recommends for sources that cannot write arrays.
    /// </summary>
    public IReadOnlyList<string> GetStringList(string path)
    {
        var value = Required(path);
        var array = value switch
        {
            HoconArray written => written,
            HoconObject indexed when indexed.Keys.Any(key => IsIndex(key, out _)) => IndexedObjectAsArray(indexed),
            _ => throw Mismatch(path, value, "an array"),
        };

        return [.. array.Select(element => element is HoconScalar { Type: not HoconValueType.Null } scalar
            ? scalar.Text
            : throw Mismatch(path, element, "an array of strings"))];
    }

    private static HoconArray IndexedObjectAsArray(HoconObject indexed)
    {
        var elements = new List<(long Index, HoconValue Value)>();
        foreach (var (key, value) in indexed)
        {
            if (IsIndex(key, out var index))
            {
                elements.Add((index, value));
            }
        }

        return new HoconArray(elements.OrderBy(element => element.Index).Select(element => element.Value), indexed.Position);
    }

    private static bool IsIndex(string key, out long index) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out index);

    /// <summary>The object at <paramref name="path"/> as a configuration of its own.</summary>
    public HoconConfig GetConfig(string path)
    {
        var value = Required(path);
        // A sub-tree is a fresh configuration: fallbacks merged into this one are already part of it.
        return value is HoconObject obj ? new HoconConfig(obj) : throw Mismatch(path, value, "an object");
    }

    /// <summary>
    /// This configuration with <paramref name="fallback"/> underneath: keys missing here come from the fallback,
    /// objects present in both merge. Both sides are already resolved, so substitutions do not cross between them.
    /// </summary>
    public HoconConfig WithFallback(HoconConfig fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new HoconConfig([.. fallback._layers, .. _layers]);
    }

    /// <summary>The configuration as compact JSON.</summary>
    public override string ToString() => Root.ToString();

    private HoconValue Required(string path) =>
        GetValue(path) ?? throw new HoconException($"no configuration value at '{path}'");

    private HoconScalar Scalar(string path, string wanted)
    {
        var value = Required(path);
        return value is HoconScalar { Type: not HoconValueType.Null } scalar ? scalar : throw Mismatch(path, value, wanted);
    }

    private string Number(string path, out HoconScalar value)
    {
        value = Scalar(path, "a number");
        var text = value.Text.Trim();
        return value.Type == HoconValueType.Number || (text.Length > 0 && JsonNumber.PrefixLength(text, 0) == text.Length)
            ? text
            : throw Mismatch(path, value, "a number");
    }

    private static HoconException Mismatch(string path, HoconValue value, string wanted) =>
        new($"{value.Position}: '{path}' should be {wanted}, but it is {value}");
}
