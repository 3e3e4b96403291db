using Microsoft.Extensions.Configuration;

namespace FlowSense.Actors.Configuration;

/// <summary>
/// A HOCON file or text as a Microsoft.Extensions.Configuration source. Add it with
/// <see cref="HoconConfigurationExtensions.AddHoconFile"/> or <see cref="HoconConfigurationExtensions.AddHoconString"/>.
/// Exactly one of <see cref="FilePath"/> and <see cref="Text"/> is set.
/// </summary>
public sealed class HoconConfigurationSource : IConfigurationSource
{
    /// <summary>The file to read (relative paths are relative to the working directory).</summary>
    public string? FilePath { get; init; }

    /// <summary>When reading <see cref="FilePath"/>: a missing file yields no keys instead of an error.</summary>
    public bool Optional { get; init; }

    /// <summary>HOCON text to parse instead of a file.</summary>
    public string? Text { get; init; }

    /// <summary>For <see cref="Text"/>: where relative includes are looked up (none are allowed when null).</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Where substitutions missing from the document are looked up; the process environment when null.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconConfigurationProvider(this);
}
