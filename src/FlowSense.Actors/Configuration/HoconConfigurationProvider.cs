using Microsoft.Extensions.Configuration;

namespace FlowSense.Actors.Configuration;

/// <summary>
/// Exposes a resolved HOCON configuration as flat Microsoft.Extensions.Configuration keys
/// (see <see cref="HoconFlattener"/>), so <c>IOptions&lt;T&gt;</c> binding and later sources such as
/// environment variables work as usual.
/// </summary>
public sealed class HoconConfigurationProvider(HoconConfigurationSource source) : ConfigurationProvider
{
    private readonly HoconConfigurationSource _source = source ?? throw new ArgumentNullException(nameof(source));

    /// <inheritdoc />
    /// <exception cref="HoconParseException">The document is malformed or cannot be resolved.</exception>
    /// <exception cref="FileNotFoundException">The file is missing and the source is not optional.</exception>
    public override void Load()
    {
        Data = HoconFlattener.Flatten(Read().Root);
    }

    /// <summary>Names the source, as MEC's own providers do (shown by <c>GetDebugView()</c>).</summary>
    public override string ToString() => _source.FilePath is { } path
        ? $"{nameof(HoconConfigurationProvider)} for '{path}' ({(_source.Optional ? "Optional" : "Required")})"
        : $"{nameof(HoconConfigurationProvider)} for text";

    private HoconConfig Read()
    {
        if (_source.FilePath is { } path)
        {
            if (!File.Exists(path))
            {
                return _source.Optional
                    ? HoconConfig.Empty
                    : throw new FileNotFoundException($"The HOCON configuration file '{path}' was not found.", path);
            }

            return HoconConfig.LoadFile(path, _source.Environment);
        }

        var text = _source.Text ?? throw new InvalidOperationException("A HOCON configuration source needs a file path or text.");
        return HoconConfig.ParseString(text, "string", _source.BaseDirectory, _source.Environment);
    }
}
