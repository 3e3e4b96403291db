using System.Globalization;

namespace FlowSense.Actors.Configuration;

/// <summary>
/// Maps a resolved HOCON tree onto Microsoft.Extensions.Configuration's flat keys: path keys joined with
/// ':', array elements keyed by index (<c>a:0</c>, <c>a:1</c>). Values written with a unit are converted to what
/// the binder understands: a duration (<c>5s</c>) becomes a TimeSpan in invariant "c" format (<c>00:00:05</c>),
/// a size (<c>4 KiB</c>) its byte count (<c>4096</c>). A bare <c>m</c> is read as minutes, as duration units take
/// precedence; write <c>M</c> or <c>MiB</c> for mebibytes.
/// </summary>
public static class HoconFlattener
{
    /// <summary>Every leaf of <paramref name="root"/> under its flattened key (case-insensitive, as MEC compares keys).</summary>
    public static Dictionary<string, string?> Flatten(HoconObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root)
        {
            Add(data, key, value);
        }

        return data;
    }

    /// <summary>The text MEC sees for a scalar (unit conversions applied; null stays null).</summary>
    public static string? ToConfigurationValue(HoconScalar scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        return scalar.Type switch
        {
            HoconValueType.Null => null,
            HoconValueType.String when HoconDuration.TryParse(scalar.Text, requireUnit: true, out var duration) =>
                duration.ToString("c", CultureInfo.InvariantCulture),
            HoconValueType.String when HoconByteSize.TryParse(scalar.Text, requireUnit: true, out var bytes) =>
                bytes.ToString(CultureInfo.InvariantCulture),
            _ => scalar.Text,
        };
    }

    private static void Add(Dictionary<string, string?> data, string key, HoconValue value)
    {
        switch (value)
        {
            case HoconObject { Count: 0 } or HoconArray { Count: 0 }:
                // Like the JSON provider: the key exists, with no value and no children.
                data[key] = null;
                break;
            case HoconObject obj:
                foreach (var (childKey, child) in obj)
                {
                    Add(data, key + ":" + childKey, child);
                }

                break;
            case HoconArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Add(data, key + ":" + i.ToString(CultureInfo.InvariantCulture), array[i]);
                }

                break;
            case HoconScalar scalar:
                data[key] = ToConfigurationValue(scalar);
                break;
        }
    }
}
