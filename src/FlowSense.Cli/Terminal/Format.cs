using System.Globalization;

namespace FlowSense.Cli.Terminal;

/// <summary>How numbers appear in summaries: invariant culture, thousands separated.</summary>
internal static class Format
{
    public static CultureInfo Invariant => CultureInfo.InvariantCulture;

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Unix-epoch nanoseconds as ISO 8601 UTC with all nine fractional digits (feeds such as ITCH stamp nanoseconds).</summary>
    public static string IsoNanoseconds(long unixNs)
    {
        long seconds = Math.DivRem(unixNs, 1_000_000_000, out long fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000_000;
        }
        return DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            + "." + fraction.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }
}
