using FlowSense.Actors.Configuration;

namespace FlowSense.Actors.Tests.Configuration;

/// <summary>Parsing helpers for the tests: a fixed, empty environment unless one is given, so results never depend on the machine.</summary>
internal static class Hocon
{
    public static HoconConfig Parse(string text, IReadOnlyDictionary<string, string>? environment = null, string? baseDirectory = null) =>
        HoconConfig.ParseString(text, "test.conf", baseDirectory, name => environment?.GetValueOrDefault(name));

    /// <summary>The value at <paramref name="path"/> as compact JSON, or the whole configuration for an empty path.</summary>
    public static string Render(string text, string path = "") =>
        path.Length == 0 ? Parse(text).ToString() : Parse(text).GetValue(path)?.ToString() ?? "(missing)";

    public static HoconParseException ParseError(string text, string? baseDirectory = null) =>
        Assert.Throws<HoconParseException>(() => Parse(text, baseDirectory: baseDirectory));
}
