using FlowSense.Actors.Configuration;

namespace FlowSense.Actors.Tests.Configuration;

/// <summary>The spec's include syntax and semantics, on real files in a temporary directory.</summary>
public sealed class HoconIncludeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hocon-include-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(_directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private HoconConfig Load(string relativePath) =>
        HoconConfig.LoadFile(Path.Combine(_directory, relativePath), _ => null);

    [Fact]
    public void Including_file_overrides_what_it_includes_and_keeps_the_rest()
    {
        Write("base.conf", "a = 1\nb = 1\nobj { x = 1, y = 1 }");
        Write("main.conf", "include \"base.conf\"\na = 2\nobj { y = 2 }");

        Assert.Equal("""{"a":2,"b":1,"obj":{"x":1,"y":2}}""", Load("main.conf").ToString());
    }

    [Fact]
    public void Included_keys_override_keys_defined_before_the_include()
    {
        Write("base.conf", "a = 1");
        Write("main.conf", "a = 2\ninclude \"base.conf\"");

        Assert.Equal(1, Load("main.conf").GetInt("a"));
    }

    [Fact]
    public void Relative_names_are_found_beside_the_including_file_not_in_the_working_directory()
    {
        Write("conf/nested/leaf.conf", "leaf = true");
        Write("conf/middle.conf", "include file(\"nested/leaf.conf\")");
        Write("main.conf", "include required(file(\"conf/middle.conf\"))");

        Assert.True(Load("main.conf").GetBoolean("leaf"));
    }

    [Fact]
    public void A_missing_include_is_ignored_unless_required()
    {
        Write("main.conf", "include \"nope.conf\"\ninclude file(\"nope.conf\")\na = 1");
        Write("strict.conf", "a = 1\ninclude required( \"nope.conf\" )");

        Assert.Equal("""{"a":1}""", Load("main.conf").ToString());
        var error = Assert.Throws<HoconParseException>(() => Load("strict.conf"));
        Assert.Equal(2, error.Position.Line);
        Assert.Equal(1, error.Position.Column);
        Assert.Contains("required include 'nope.conf' was not found", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Substitutions_in_an_included_file_are_relative_to_where_it_is_included()
    {
        // The spec's example: foo.conf included under `a`; ${x} means ${a.x}, and sees a later a.x.
        Write("foo.conf", "{ x : 10, y : ${x} }");
        Write("alone.conf", "{ a : { include \"foo.conf\" } }");
        Write("overridden.conf", "{\n  a : { include \"foo.conf\" }\n  a : { x : 42 }\n}");

        Assert.Equal(10, Load("alone.conf").GetInt("a.y"));
        Assert.Equal(42, Load("overridden.conf").GetInt("a.y"));
    }

    [Fact]
    public void Substitutions_in_an_included_file_fall_back_to_the_root_of_the_including_configuration()
    {
        Write("part.conf", "port = ${base-port}");
        Write("main.conf", "base-port = 7000\nserver { include \"part.conf\" }");

        Assert.Equal(7000, Load("main.conf").GetInt("server.port"));
    }

    [Fact]
    public void A_name_without_extension_loads_json_then_conf_so_that_hocon_wins()
    {
        Write("settings.json", """{ "a": 1, "b": 1 }""");
        Write("settings.conf", "b = 2");
        Write("main.conf", "include \"settings\"");

        Assert.Equal("""{"a":1,"b":2}""", Load("main.conf").ToString());
    }

    [Fact]
    public void An_include_cycle_is_reported_at_the_include_that_closes_it()
    {
        Write("a.conf", "x = 1\ninclude \"b.conf\"");
        Write("b.conf", "y = 1\n\ninclude \"a.conf\"");

        var error = Assert.Throws<HoconParseException>(() => Load("a.conf"));

        Assert.Equal(3, error.Position.Line);
        Assert.EndsWith("b.conf", error.Position.Origin, StringComparison.Ordinal);
        Assert.Contains("include cycle: a.conf -> b.conf -> a.conf", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_inside_an_included_file_names_that_file_and_its_line()
    {
        Write("broken.conf", "a = 1\nb = [1, 2\n");
        Write("main.conf", "include \"broken.conf\"");

        var error = Assert.Throws<HoconParseException>(() => Load("main.conf"));

        Assert.Equal(Path.Combine(_directory, "broken.conf"), error.Position.Origin);
        Assert.Equal(3, error.Position.Line);
        Assert.Contains("opened at 2:5", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_included_file_must_hold_an_object()
    {
        Write("list.conf", "[1, 2]");
        Write("main.conf", "include \"list.conf\"");

        var error = Assert.Throws<HoconParseException>(() => Load("main.conf"));

        Assert.Contains("must be an object", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused()
    {
        var path = Path.Combine(_directory, "latin1.conf");
        File.WriteAllBytes(path, [(byte)'a', (byte)'=', 0xE9]);

        var error = Assert.Throws<HoconParseException>(() => HoconConfig.LoadFile(path));

        Assert.Contains("not valid UTF-8", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_parsed_with_a_base_directory_can_include_relative_names()
    {
        Write("base.conf", "a = 1");

        Assert.Equal(1, Hocon.Parse("include \"base.conf\"", baseDirectory: _directory).GetInt("a"));
    }
}
