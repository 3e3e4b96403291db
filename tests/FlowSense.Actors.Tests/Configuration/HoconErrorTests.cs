using FlowSense.Actors.Configuration;

namespace FlowSense.Actors.Tests.Configuration;

/// <summary>
/// Documents the spec calls invalid, and each fails with a <see cref="HoconParseException"/> pointing at the
/// offending line and column with a plain explanation.
/// </summary>
public sealed class HoconErrorTests
{
    [Theory]
    // Braces and brackets must balance.
    [InlineData("a = {", 1, 6, "expected '}' to close the object opened at 1:5")]
    [InlineData("flowsense {\n  actor {\n    x = 1\n", 4, 1, "expected '}' to close the object opened at 2:9")]
    [InlineData("a = 1\n}", 2, 1, "unbalanced '}'")]
    [InlineData("a = 1 }", 1, 7, "unbalanced '}'")]
    [InlineData("a = [1, 2", 1, 10, "expected ']' to close the array opened at 1:5")]
    [InlineData("a = [1 2}", 1, 9, "expected ',', a newline or ']'")]
    [InlineData("a = [1,\n}", 2, 1, "expected ']' to close the array opened at 1:5, found '}'")]
    [InlineData("a = { b = 1\n]", 2, 1, "expected '}' to close the object opened at 1:5, found ']'")]
    [InlineData("{ a = 1 } b = 2", 1, 11, "after the root object")]
    [InlineData("a = 1]", 1, 6, "expected ',' or a newline after the field, found ']'")]
    [InlineData("{ a = 1] }", 1, 8, "expected ',', a newline or '}' after the field, found ']'")]
    [InlineData("[1, 2]", 1, 1, "must be an object, not an array")]
    // Comma rules.
    [InlineData("a = [1,2,3,,]", 1, 12, "unexpected ','")]
    [InlineData("a = [,1,2,3]", 1, 6, "unexpected ','")]
    [InlineData("a = [1,,2,3]", 1, 8, "unexpected ','")]
    [InlineData("{ a = 1,, b = 2 }", 1, 9, "unexpected ','")]
    [InlineData("a = 1,\n,b = 2", 2, 1, "unexpected ','")]
    // Forbidden characters in unquoted text.
    [InlineData("a = $", 1, 5, "'$' may only start a substitution")]
    [InlineData("a = foo@bar", 1, 8, "'@' is not allowed in unquoted text")]
    [InlineData("a = !", 1, 5, "'!' is not allowed")]
    [InlineData("a = x?", 1, 6, "'?' is not allowed")]
    [InlineData("a = *", 1, 5, "'*' is not allowed")]
    [InlineData("a = &", 1, 5, "'&' is not allowed")]
    [InlineData("a = ^", 1, 5, "'^' is not allowed")]
    [InlineData("a = `", 1, 5, "'`' is not allowed")]
    [InlineData("a = c:\\\\x", 1, 6, "unexpected ':' in a value")]
    [InlineData("a = \\", 1, 5, "'\\' is not allowed")]
    [InlineData("a = 1 + 2", 1, 7, "'+' may only be part of the '+=' separator")]
    [InlineData("a = -foo", 1, 5, "'-' starts a number")]
    [InlineData("a : 1 b : 2", 1, 9, "unexpected ':' in a value")]
    // Quoted and triple-quoted strings.
    [InlineData("a = \"abc", 1, 5, "unterminated quoted string")]
    [InlineData("a = \"x\ny\"", 1, 5, "unterminated quoted string")]
    [InlineData("a = \"\\q\"", 1, 6, "invalid escape '\\q'")]
    [InlineData("a = \"\\u12\"", 1, 6, "invalid escape '\\u followed by fewer than four hex digits'")]
    [InlineData("a = \"x\u0001\"", 1, 7, "control character U+0001")]
    [InlineData("x = 1\na = \"\"\"abc\n def", 2, 5, "unterminated triple-quoted string")]
    // Keys, separators and values.
    [InlineData("a b", 1, 4, "expected ':', '=', '+=' or '{' after the key \"a b\", found end of input")]
    [InlineData("a = ", 1, 5, "expected a value")]
    [InlineData(": 1", 1, 1, "expected a key")]
    [InlineData("${a} = 1", 1, 1, "substitutions are not allowed in keys")]
    [InlineData("a${b} = 1", 1, 2, "substitutions are not allowed in keys")]
    [InlineData("{ a = [1] [2] x }", 1, 15, "cannot concatenate an array with a string")]
    [InlineData("a..b = 1", 1, 1, "may not start or end with '.' or contain '..'")]
    [InlineData(".a = 1", 1, 1, "may not start or end with '.'")]
    [InlineData("a. = 1", 1, 1, "may not start or end with '.'")]
    // Substitutions.
    [InlineData("a = ${b}", 1, 5, "could not resolve substitution ${b}")]
    [InlineData("x = 1\na = ${x.y}", 2, 5, "could not resolve substitution ${x.y}")]
    [InlineData("a = ${b", 1, 5, "unterminated substitution")]
    [InlineData("a = ${}", 1, 7, "expected a path expression")]
    [InlineData("a = ${b${c}}", 1, 8, "substitutions cannot be nested")]
    [InlineData("a = ${b[0]}", 1, 8, "cannot appear in a substitution's path")]
    [InlineData("foo : ${foo}", 1, 7, "refers back to itself")]
    [InlineData("bar : ${foo}\nfoo : ${bar}", 2, 7, "refers back to itself")]
    [InlineData("a : ${b}\nb : ${c}\nc : ${a}", 3, 5, "refers back to itself")]
    [InlineData("a : { b : ${a} }", 1, 11, "substitution cycle")]
    [InlineData("a : [${a}]", 1, 5, "substitution cycle")]
    // Concatenation and +=.
    [InlineData("a = [1] foo", 1, 9, "cannot concatenate an array with a string")]
    [InlineData("a = { x : 1 } [2]", 1, 15, "cannot concatenate an object with an array")]
    [InlineData("b = [1]\na = x ${b}", 2, 7, "cannot concatenate an array with a string")]
    [InlineData("a = 5\na += 1", 2, 3, "'+=' appends to an array, but the earlier value (at test.conf:1:5) is a number")]
    // Include syntax.
    [InlineData("include foo", 1, 9, "expected a quoted file name after 'include'")]
    [InlineData("include = 1", 1, 9, "expected a quoted file name after 'include'")]
    [InlineData("include url(\"http://example.com/a.conf\")", 1, 1, "only files can be included")]
    [InlineData("include file(\"a.conf\"", 1, 14, "expected ')' after the included file name")]
    [InlineData("include \"a.conf\"", 1, 1, "this text was not read from a file")]
    public void Malformed_document_fails_with_its_location(string document, int line, int column, string problem)
    {
        var error = Hocon.ParseError(document);

        Assert.Equal(new SourcePosition("test.conf", line, column), error.Position);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"test.conf:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_instead_of_overflowing_the_stack()
    {
        var deepArray = "a = " + new string('[', 10_000) + new string(']', 10_000);
        var deepPath = "a" + string.Concat(Enumerable.Repeat(".a", 10_000)) + " = 1";
        var chain = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"k{i} = ${{k{i + 1}}}\n")) + "k2000 = 1";

        Assert.Contains("nests deeper", Hocon.ParseError(deepArray).Problem, StringComparison.Ordinal);
        Assert.Contains("nests deeper", Hocon.ParseError(deepPath).Problem, StringComparison.Ordinal);
        Assert.Contains("deeper than", Hocon.ParseError(chain).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a = 5s", "a", "an object")]
    [InlineData("a = abc", "a", "a duration")]
    [InlineData("a = 1.5", "a", "a whole number")]
    [InlineData("a = null", "a", "a string")]
    public void Reading_a_value_as_the_wrong_type_names_the_path_and_where_it_was_written(string document, string path, string wanted)
    {
        var config = Hocon.Parse(document);
        var error = Assert.Throws<HoconException>(() =>
        {
            switch (wanted)
            {
                case "an object": config.GetConfig(path); break;
                case "a duration": config.GetDuration(path); break;
                case "a whole number": config.GetInt(path); break;
                default: config.GetString(path); break;
            }
        });

        Assert.StartsWith("test.conf:1:5: 'a' should be " + wanted, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_is_reported_by_name()
    {
        var error = Assert.Throws<HoconException>(() => Hocon.Parse("a = 1").GetInt("b.c"));
        Assert.Contains("'b.c'", error.Message, StringComparison.Ordinal);
    }
}
