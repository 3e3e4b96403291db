using FlowSense.Actors.Configuration;

namespace FlowSense.Actors.Tests.Configuration;

/// <summary>
/// The examples in the text of the HOCON specification (lightbend/config HOCON.md), each with the result the
/// spec states. Results are compared as compact JSON, numbers as written.
/// </summary>
public sealed class HoconSpecExampleTests
{
    [Theory]
    // Duplicate keys and object merging.
    [InlineData("{ \"foo\" : { \"a\" : 42 },\n  \"foo\" : { \"b\" : 43 } }", "foo", """{"a":42,"b":43}""")]
    [InlineData("{ \"foo\" : { \"a\" : 42 },\n  \"foo\" : null,\n  \"foo\" : { \"b\" : 43 } }", "foo", """{"b":43}""")]
    [InlineData("foo : { a : 42 }, foo : { b : 43 }", "foo", """{"a":42,"b":43}""")]
    [InlineData("a : { x : { p : 1 } }\na : { x : { q : 2 }, y : 3 }", "a", """{"x":{"p":1,"q":2},"y":3}""")]
    [InlineData("a : { x : 1 }\na : 5", "a", "5")]
    // Commas and newlines.
    [InlineData("a = [1,2,3,]", "a", "[1,2,3]")]
    [InlineData("a = [1\n2\n3]", "a", "[1,2,3]")]
    [InlineData("a = 1, b = 2,", "", """{"a":1,"b":2}""")]
    [InlineData("a = 1\n,b = 2", "", """{"a":1,"b":2}""")]
    // Key-value separators; root braces optional; JSON is valid HOCON.
    [InlineData("\"foo\" {}", "", """{"foo":{}}""")]
    [InlineData("a : 1\nb = 2\nc { d = 3 }", "", """{"a":1,"b":2,"c":{"d":3}}""")]
    [InlineData("{\"a\": {\"b\": [1, 2.5, \"x\", true, false, null]}}", "", """{"a":{"b":[1,2.5,"x",true,false,null]}}""")]
    [InlineData("", "", "{}")]
    // Comments.
    [InlineData("a = 1 // one\nb = 2 # two\n# c = 3", "", """{"a":1,"b":2}""")]
    [InlineData("a = \"x // not a comment # either\"", "a", "\"x // not a comment # either\"")]
    // Unquoted strings and what starts a number, a boolean or null.
    [InlineData("a = truefoo", "a", "\"truefoo\"")]
    [InlineData("a = footrue", "a", "\"footrue\"")]
    [InlineData("a = 10.0bar", "a", "\"10.0bar\"")]
    [InlineData("a = bar10.0", "a", "\"bar10.0\"")]
    [InlineData("a = foo.bar-baz_1", "a", "\"foo.bar-baz_1\"")]
    [InlineData("a = /usr/bin", "a", "\"/usr/bin\"")]
    // Numbers, booleans and null keep their type alone; as strings only when quoted or concatenated.
    [InlineData("a = 42", "a", "42")]
    [InlineData("a = \"42\"", "a", "\"42\"")]
    [InlineData("a = -3.5e2", "a", "-3.5e2")]
    [InlineData("a = true", "a", "true")]
    [InlineData("a = null", "a", "null")]
    [InlineData("a = true foo", "a", "\"true foo\"")]
    [InlineData("a = 1e5 x", "a", "\"1e5 x\"")]
    // String concatenation keeps the whitespace between values, drops it around them.
    [InlineData("a =   foo bar baz   ", "a", "\"foo bar baz\"")]
    [InlineData("a = foo\t bar", "a", "\"foo\\t bar\"")]
    [InlineData("a = \"foo\" bar", "a", "\"foo bar\"")]
    [InlineData("a = foo\"bar\"baz", "a", "\"foobarbaz\"")]
    // Quoted strings: JSON escapes.
    [InlineData("a = \"t\\tn\\n q\\\" s\\\\ u\\u0041 /\\/\"", "a", "\"t\\tn\\n q\\\" s\\\\ uA //\"")]
    // Multi-line strings: no escapes, newlines kept, extra closing quotes belong to the string.
    [InlineData("a = \"\"\"line one\n  \\n line two\"\"\"", "a", "\"line one\\n  \\\\n line two\"")]
    [InlineData("a = \"\"\"foo\"\"\"\"", "a", "\"foo\\\"\"")]
    [InlineData("a = \"\"\"x\"\"\" y", "a", "\"x y\"")]
    // Array and object concatenation.
    [InlineData("a : { b : 1 } { c : 2 }", "a", """{"b":1,"c":2}""")]
    [InlineData("a : [ 1, 2 ] [ 3, 4 ]", "a", "[1,2,3,4]")]
    [InlineData("a : [ 1, 2 ]\na : ${a} [ 3, 4 ]", "a", "[1,2,3,4]")]
    [InlineData("data-center-generic = { cluster-size = 6 }\ndata-center-east = ${data-center-generic} { name = \"east\" }",
        "data-center-east", """{"cluster-size":6,"name":"east"}""")]
    [InlineData("path = [ /bin ]\npath = ${path} [ /usr/bin ]", "path", """["/bin","/usr/bin"]""")]
    [InlineData("a = [ 1 2 3 4 ]", "a", """["1 2 3 4"]""")]
    [InlineData("a = [ 1\n 2\n 3\n 4 ]", "a", "[1,2,3,4]")]
    [InlineData("a = [ [ 1, 2 ] [ 3, 4 ] ]", "a", "[[1,2,3,4]]")]
    [InlineData("a = [ [ 1, 2 ]\n [ 3, 4 ] ]", "a", "[[1,2],[3,4]]")]
    [InlineData("name = Ann\na = [ my name is ${name}, Hello ${name} ]", "a", """["my name is Ann","Hello Ann"]""")]
    [InlineData("a = 1, b = 2, x = 3, y = 4\nz = [ ${a} ${b}, ${x} ${y} ]", "z", """["1 2","3 4"]""")]
    // Path expressions and paths as keys.
    [InlineData("foo.bar.\"hello.world\" = 1", "", """{"foo":{"bar":{"hello.world":1}}}""")]
    [InlineData("10.0foo = 1", "", """{"10":{"0foo":1}}""")]
    [InlineData("foo10.0 = 1", "", """{"foo10":{"0":1}}""")]
    [InlineData("foo\"10.0\" = 1", "", """{"foo10.0":1}""")]
    [InlineData("1.2.3 = 1", "", """{"1":{"2":{"3":1}}}""")]
    [InlineData("a.\"\".b = 1", "", """{"a":{"":{"b":1}}}""")]
    [InlineData("foo.bar.baz : 42", "", """{"foo":{"bar":{"baz":42}}}""")]
    [InlineData("a.x : 42, a.y : 43", "a", """{"x":42,"y":43}""")]
    [InlineData("a b c : 42", "", """{"a b c":42}""")]
    [InlineData("true : 42", "", """{"true":42}""")]
    [InlineData("3 : 42", "", """{"3":42}""")]
    [InlineData("3.14 : 42", "", """{"3":{"14":42}}""")]
    // Substitutions.
    [InlineData("animal.favorite = dog\nkey : ${animal.favorite} is my favorite animal", "key", "\"dog is my favorite animal\"")]
    [InlineData("animal.favorite = dog\nkey : ${animal.favorite}\" is my favorite animal\"", "key", "\"dog is my favorite animal\"")]
    [InlineData("a = ${b}\nb = { c = 5 }", "a", """{"c":5}""")]
    [InlineData("a = ${b.c}\nb.c = 1\nb.c = 2", "a", "2")]
    [InlineData("n = null\na = x${n}", "a", "\"xnull\"")]
    [InlineData("foo : ${?bar}", "", "{}")]
    [InlineData("foo : ${?bar}${?baz}", "", "{}")]
    [InlineData("foo = 1\nfoo : ${?bar}", "foo", "1")]
    [InlineData("a = [1, ${?nope}, 2]", "a", "[1,2]")]
    [InlineData("a = x${?nope}y", "a", "\"xy\"")]
    [InlineData("a = [1] ${?nope} [2]", "a", "[1,2]")]
    // Self-referential substitutions.
    [InlineData("path : \"a:b:c\"\npath : ${path}\":d\"", "path", "\"a:b:c:d\"")]
    [InlineData("foo : { a : 1 }\nfoo : ${foo}", "foo", """{"a":1}""")]
    [InlineData("foo : ${?foo}", "", "{}")]
    [InlineData("foo : ${does-not-exist}\nfoo : 42", "foo", "42")]
    [InlineData("foo : ${foo}, foo : 42", "foo", "42")]
    [InlineData("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }", "foo", """{"a":2,"c":1}""")]
    [InlineData("bar : { foo : 42,\n        baz : ${bar.foo}\n      }", "bar", """{"foo":42,"baz":42}""")]
    [InlineData("bar : { foo : 42,\n        baz : ${bar.foo}\n      }\nbar : { foo : 43 }", "bar.baz", "43")]
    [InlineData("bar : { a : ${foo.d}, b : 1 }\nbar.b = 3\nfoo : { c : ${bar.b}, d : 2 }\nfoo.d = 4", "",
        """{"bar":{"a":4,"b":3},"foo":{"c":3,"d":4}}""")]
    [InlineData("a = ${?a}foo", "a", "\"foo\"")]
    [InlineData("a = ${?b}\nb = ${?a}", "", "{}")] // an optional cycle counts as missing
    [InlineData("x { a = 1 }\nx { a = ${x.a}0 }", "x.a", "\"10\"")]
    // The += separator.
    [InlineData("a += b", "a", """["b"]""")]
    [InlineData("a = [1]\na += 2\na += { c = 3 }", "a", """[1,2,{"c":3}]""")]
    [InlineData("x { a += 1 }\nx { a += 2 }", "x.a", "[1,2]")]
    // include is only special at the start of a key.
    [InlineData("{ foo include : 42 }", "", """{"foo include":42}""")]
    [InlineData("{ foo : include }", "foo", "\"include\"")]
    [InlineData("a = [ include ]", "a", """["include"]""")]
    [InlineData("{ \"include\" : 42 }", "", """{"include":42}""")]
    [InlineData("includes = 1", "", """{"includes":1}""")]
    // Whitespace is more than ASCII: no-break spaces and a BOM separate tokens too.
    [InlineData("\uFEFFa\u00A0=\u2007b\u202Fc", "a", "\"b\u202Fc\"")]
    public void Spec_example_resolves_as_the_spec_states(string document, string path, string expectedJson)
    {
        Assert.Equal(expectedJson, Hocon.Render(document, path));
    }

    [Fact]
    public void Substitutions_are_memoized_so_two_mutual_references_agree()
    {
        // The spec leaves 1-or-2 open but requires both to be the same.
        var config = Hocon.Parse("a : 1\nb : 2\na : ${b}\nb : ${a}");
        Assert.Equal(config.GetString("a"), config.GetString("b"));
    }

    [Fact]
    public void Unknown_substitution_falls_back_to_the_environment()
    {
        var environment = new Dictionary<string, string> { ["HOME"] = "/home/quant" };
        var config = Hocon.Parse("home = ${?HOME}\ndata = ${HOME}/data", environment);
        Assert.Equal("/home/quant", config.GetString("home"));
        Assert.Equal("/home/quant/data", config.GetString("data"));
    }

    [Fact]
    public void A_null_in_the_configuration_blocks_the_environment_fallback()
    {
        var environment = new Dictionary<string, string> { ["HOME"] = "/home/quant" };
        var config = Hocon.Parse("HOME = null\nh = ${?HOME}", environment);
        Assert.Equal(HoconValueType.Null, config.GetValue("h")!.Type);
    }

    [Fact]
    public void An_empty_environment_variable_counts_as_absent()
    {
        var environment = new Dictionary<string, string> { ["EMPTY"] = "" };
        Assert.Equal("{}", Hocon.Parse("e = ${?EMPTY}", environment).ToString());
    }

    [Theory]
    // The spec's "Config object merging" example: a non-object between two objects keeps them apart.
    [InlineData("a : { y : 2 }", "a : 42", "a : { x : 1 }", """{"a":{"x":1}}""")]
    [InlineData("a : 42", "a : { y : 2 }", "a : { x : 1 }", """{"a":{"y":2,"x":1}}""")]
    public void WithFallback_merges_like_duplicate_keys(string lastFallback, string fallback, string first, string expected)
    {
        var merged = Hocon.Parse(first).WithFallback(Hocon.Parse(fallback)).WithFallback(Hocon.Parse(lastFallback));
        Assert.Equal(expected, merged.ToString());
    }

    [Fact]
    public void Quoted_path_elements_reach_keys_that_contain_dots()
    {
        var config = Hocon.Parse("\"a.b\".c = 1\na.b.c = 2");
        Assert.Equal(1, config.GetInt("\"a.b\".c"));
        Assert.Equal(2, config.GetInt("a.b.c"));
    }
}
