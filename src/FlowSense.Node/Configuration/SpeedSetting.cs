using System.Globalization;

namespace FlowSense.Node.Configuration;

/// <summary>A replay speed as configured: a positive factor of the recorded pace, or <c>max</c> (no pacing).</summary>
public static class SpeedSetting
{
    /// <summary>The text that means "as fast as the pipeline takes events".</summary>
    public const string Max = "max";

    /// <summary>Parses a speed; <paramref name="factor"/> is null for <see cref="Max"/>.</summary>
    public static bool TryParse(string? text, out double? factor)
    {
        factor = null;
        if (string.Equals(text?.Trim(), Max, StringComparison.OrdinalIgnoreCase))
            return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value > 0)
        {
            factor = value;
            return true;
        }
        return false;
    }

    /// <summary>The effective speed of a replay: its own speed times the node's, max if either is max.</summary>
    public static double? Combine(string node, string replay)
    {
        if (!TryParse(node, out double? n) || !TryParse(replay, out double? r))
            throw new FormatException($"'{node}' or '{replay}' is not a speed.");
        return n is null || r is null ? null : n * r;
    }
}
