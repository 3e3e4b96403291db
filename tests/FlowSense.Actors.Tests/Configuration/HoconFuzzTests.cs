using System.Text;
using FlowSense.Actors.Configuration;

namespace FlowSense.Actors.Tests.Configuration;

/// <summary>
/// Malformed input must never hang the reader or escape as anything but <see cref="HoconParseException"/>.
/// Valid documents are mutated with a fixed seed (so a failure replays exactly) into a few thousand inputs.
/// </summary>
public sealed class HoconFuzzTests : IDisposable
{
    // Includes resolve against an empty directory: a mutated include finds nothing and is ignored, or fails if required.
    private readonly string _emptyDirectory = Directory.CreateTempSubdirectory("hocon-fuzz-").FullName;

    private const int Seed = 20_261_122;
    private const int Inputs = 3_000;

    private static readonly string[] ValidDocuments =
    [
        "flowsense {\n  actor {\n    ask-timeout = 5s\n    default-mailbox { capacity = 1000, overflow = backpressure }\n  }\n}",
        "foo : { a : 42 }, foo : { b : 43 }",
        "path : \"a:b:c\"\npath : ${path}\":d\"\nlist = [1, 2]\nlist += 3",
        "data-center-generic = { cluster-size = 6 }\ndata-center-east = ${data-center-generic} { name = \"east\" }",
        "bar : { a : ${foo.d}, b : 1 }\nbar.b = 3\nfoo : { c : ${bar.b}, d : 2 }\nfoo.d = 4",
        "a = \"\"\"multi\nline\"\"\"\nb = \"esc\\u0041\\n\" // comment\nc = ${?HOME} # another",
        "{\"json\": [1, 2.5e3, -0, true, false, null, {\"x\": \"y\"}]}",
        "foo.bar.\"hello.world\" = 10.0foo\nx = [ [1,2] [3,4] ]\ny = ${?nope} tail",
        "include \"other.conf\"\na = ${?a}foo\nb = ${a} ${a}",
    ];

    public void Dispose() => Directory.Delete(_emptyDirectory, recursive: true);

    private const string Interesting = "{}[]\":=,+$?#/\\\n\t .-0123456789e\"\"\"${}truefalsenullinclude";

    [Fact]
    public async Task Mutated_documents_fail_only_with_HoconParseException_and_never_hang()
    {
        var run = Task.Run(() =>
        {
            var random = new Random(Seed);
            var outcomes = new int[2];
            for (var i = 0; i < Inputs; i++)
            {
                var input = Mutate(random, ValidDocuments[random.Next(ValidDocuments.Length)]);
                outcomes[ParsesOrFailsCleanly(input) ? 0 : 1]++;
            }

            return outcomes;
        });

        // A hang surfaces as a TimeoutException instead of a stuck test run.
        var outcomes = await run.WaitAsync(TimeSpan.FromSeconds(60));
        var (parsed, rejected) = (outcomes[0], outcomes[1]);

        // Both kinds of outcome occur, so the mutations neither only break nor only leave documents intact.
        Assert.True(parsed > Inputs / 20, $"only {parsed} mutated documents parsed");
        Assert.True(rejected > Inputs / 20, $"only {rejected} mutated documents were rejected");
    }

    [Fact]
    public void Every_seed_document_is_valid()
    {
        foreach (var document in ValidDocuments)
        {
            HoconConfig.ParseString(document, "seed", _emptyDirectory, environment: _ => null);
        }
    }

    /// <summary>True if the input parsed (and its results could be read), false if it was rejected cleanly.</summary>
    private bool ParsesOrFailsCleanly(string input)
    {
        try
        {
            var config = HoconConfig.ParseString(input, "fuzz", _emptyDirectory, environment: _ => null);
            _ = config.ToString();
            _ = HoconFlattener.Flatten(config.Root);
            return true;
        }
        catch (HoconParseException)
        {
            return false;
        }
        catch (Exception unexpected)
        {
            Assert.Fail($"{unexpected.GetType().Name} instead of HoconParseException for input:\n{input}\n{unexpected}");
            throw;
        }
    }

    private static string Mutate(Random random, string document)
    {
        var text = new StringBuilder(document);
        var mutations = 1 + random.Next(4);
        for (var m = 0; m < mutations; m++)
        {
            var at = random.Next(text.Length + 1);
            switch (random.Next(6))
            {
                case 0 when text.Length > 0 && at < text.Length:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 2:
                    text.Insert(at, (char)random.Next(0, 0x3000));
                    break;
                case 3 when at < text.Length:
                    var length = random.Next(1, Math.Min(12, text.Length - at) + 1);
                    text.Insert(random.Next(text.Length + 1), text.ToString(at, length));
                    break;
                case 4:
                    text.Length = at;
                    break;
                default:
                    if (at < text.Length)
                    {
                        text[at] = Interesting[random.Next(Interesting.Length)];
                    }

                    break;
            }
        }

        return text.ToString();
    }
}
