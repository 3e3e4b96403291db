using Microsoft.Extensions.Configuration;

namespace FlowSense.Actors.Configuration;

/// <summary>Adds HOCON sources to a <see cref="IConfigurationBuilder"/>.</summary>
public static class HoconConfigurationExtensions
{
    /// <summary>
    /// Adds a HOCON file (and the files it includes). Later sources override its keys, for example
    /// <c>AddEnvironmentVariables()</c> with <c>FLOWSENSE__ACTOR__ASK-TIMEOUT=00:00:10</c>. The file is read once
    /// when the configuration is built; it is not watched for changes.
    /// </summary>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.Add(new HoconConfigurationSource { FilePath = path, Optional = optional });
    }

    /// <summary>Adds HOCON text; relative includes are looked up in <paramref name="baseDirectory"/> (none allowed when null).</summary>
    public static IConfigurationBuilder AddHoconString(this IConfigurationBuilder builder, string text, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        return builder.Add(new HoconConfigurationSource { Text = text, BaseDirectory = baseDirectory });
    }
}
