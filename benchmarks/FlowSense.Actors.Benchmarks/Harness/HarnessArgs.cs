using System.Globalization;

namespace FlowSense.Actors.Benchmarks.Harness;

/// <summary>The <c>--name value</c> options of a console harness mode, each read once with its default.</summary>
/// <remarks>Options nobody read are reported by <see cref="Unused"/> so that a typo is not silently ignored.</remarks>
internal sealed class HarnessArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    private HarnessArgs()
    {
    }

    /// <summary>Parses <c>--name value</c> pairs.</summary>
    /// <exception cref="ArgumentException">An argument is not a <c>--name value</c> pair.</exception>
    public static HarnessArgs Parse(ReadOnlySpan<string> args)
    {
        var parsed = new HarnessArgs();
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Expected '--name value' pairs, got '{string.Join(' ', args.ToArray())}'.");
            parsed._values[args[i][2..]] = args[i + 1];
        }
        return parsed;
    }

    /// <summary>Options given but never read by the mode.</summary>
    public IEnumerable<string> Unused => _values.Keys.Where(k => !_read.Contains(k));

    public long Long(string name, long defaultValue, long min = 1) =>
        Read(name, defaultValue, text => long.Parse(text.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), min);

    public int Int(string name, int defaultValue, int min = 1) => (int)Long(name, defaultValue, min);

    public int[] IntList(string name, int[] defaultValue)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out string? text))
            return defaultValue;
        int[] values = [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => int.Parse(v, CultureInfo.InvariantCulture))];
        if (values.Length == 0 || values.Any(v => v < 1))
            throw new ArgumentException($"--{name} needs a comma-separated list of positive numbers, got '{text}'.");
        return values;
    }

    private T Read<T>(string name, T defaultValue, Func<string, T> parse, T min)
        where T : IComparable<T>
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out string? text))
            return defaultValue;
        T value = parse(text);
        if (value.CompareTo(min) < 0)
            throw new ArgumentException($"--{name} must be at least {min}, got {text}.");
        return value;
    }
}
