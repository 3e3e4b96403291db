using System.Text;

namespace FlowSense.Actors.Configuration;

/// <summary>
/// Reads documents and the files they include. Relative names are found beside the including file (never
/// through the working directory); a missing file is an empty object unless included as
/// <c>required(...)</c>; a file that includes itself, directly or not, is an error.
/// </summary>
internal sealed class HoconIncluder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<string> _openFiles = [];

    /// <summary>Parses the file at <paramref name="path"/>; its origin in messages is the path as given.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public ObjectNode LoadFile(string path) => LoadFile(path, includedAt: null);

    /// <summary>Parses text that was not read from a file; relative includes are looked up in <paramref name="baseDirectory"/>.</summary>
    public ObjectNode ParseText(string text, string origin, string? baseDirectory) =>
        HoconParser.ParseDocument(text, origin, baseDirectory, this);

    /// <summary>
    /// The fields of the file named by an include statement. A name without an extension loads
    /// <c>name.json</c> then <c>name.conf</c> (both if both exist, HOCON last so that it wins).
    /// Substitutions inside are re-rooted under <paramref name="includedUnder"/>, falling back to the path as written.
    /// </summary>
    public ObjectNode Include(string name, bool required, SourcePosition at, string? baseDirectory, HoconPath? includedUnder)
    {
        string location;
        if (Path.IsPathRooted(name))
        {
            location = name;
        }
        else if (baseDirectory is null)
        {
            throw new HoconParseException(at,
                $"cannot include the relative name '{name}': this text was not read from a file and has no base directory");
        }
        else
        {
            location = Path.Combine(baseDirectory, name);
        }

        string[] candidates = Path.HasExtension(name) ? [location] : [location + ".json", location + ".conf"];
        var existing = candidates.Where(File.Exists).ToList();
        var merged = new ObjectNode(at);
        if (existing.Count == 0)
        {
            return required
                ? throw new HoconParseException(at, $"required include '{name}' was not found (looked for {string.Join(", ", candidates)})")
                : merged;
        }

        foreach (var file in existing)
        {
            merged.AppendAll(LoadFile(file, at));
        }

        if (includedUnder is { Elements.Count: > 0 })
        {
            Reroot(merged, includedUnder);
        }

        return merged;
    }

    private ObjectNode LoadFile(string path, SourcePosition? includedAt)
    {
        var fullPath = Path.GetFullPath(path);
        var cycleStart = _openFiles.IndexOf(fullPath);
        if (cycleStart >= 0)
        {
            var chain = string.Join(" -> ", _openFiles.Skip(cycleStart).Append(fullPath).Select(Path.GetFileName));
            throw new HoconParseException(includedAt ?? new SourcePosition(path, 1, 1), $"include cycle: {chain}");
        }

        string text;
        try
        {
            text = File.ReadAllText(path, StrictUtf8);
        }
        catch (DecoderFallbackException error)
        {
            throw new HoconParseException(new SourcePosition(path, 1, 1), "the file is not valid UTF-8", error);
        }
        catch (Exception error) when (includedAt is { } at && error is IOException or UnauthorizedAccessException)
        {
            throw new HoconParseException(at, $"could not read the included file '{path}': {error.Message}", error);
        }

        _openFiles.Add(fullPath);
        try
        {
            return HoconParser.ParseDocument(text, path, Path.GetDirectoryName(path), this);
        }
        finally
        {
            _openFiles.RemoveAt(_openFiles.Count - 1);
        }
    }

    private static void Reroot(SyntaxNode node, HoconPath prefix)
    {
        switch (node)
        {
            case ObjectNode obj:
                foreach (var entry in obj.AllEntries)
                {
                    Reroot(entry, prefix);
                }

                break;
            case ArrayNode array:
                foreach (var element in array.Elements)
                {
                    Reroot(element, prefix);
                }

                break;
            case ConcatenationNode concatenation:
                foreach (var part in concatenation.Parts)
                {
                    Reroot(part, prefix);
                }

                break;
            case AppendNode append:
                Reroot(append.Element, prefix);
                break;
            case SubstitutionNode substitution:
                var written = substitution.Candidates.ToList();
                substitution.Candidates.Clear();
                substitution.Candidates.AddRange(written.Select(prefix.Append));
                substitution.Candidates.AddRange(written);
                break;
        }
    }
}
