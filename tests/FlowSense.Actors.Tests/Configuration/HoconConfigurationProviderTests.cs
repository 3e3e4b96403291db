using System.ComponentModel.DataAnnotations;
using FlowSense.Actors.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlowSense.Actors.Tests.Configuration;

/// <summary>HOCON through Microsoft.Extensions.Configuration: flattened keys, binding, environment overrides.</summary>
public sealed class HoconConfigurationProviderTests
{
    private const string Actor = """
        flowsense.actor {
          ask-timeout = 5s
          stash-capacity = 1000
          default-mailbox { capacity = 1000, overflow = backpressure }
          default-dispatcher.throughput = 30
          buffer = 4 KiB
          tick = 500 ms
          names = [alpha, beta]
        }
        """;

    public enum Overflow
    {
        Backpressure,
        Drop,
        Fail,
    }

    public sealed class MailboxOptions
    {
        public int Capacity { get; set; }

        public Overflow Overflow { get; set; }
    }

    public sealed class ActorOptions
    {
        [ConfigurationKeyName("ask-timeout")]
        public TimeSpan AskTimeout { get; set; }

        [ConfigurationKeyName("stash-capacity")]
        public int StashCapacity { get; set; }

        [ConfigurationKeyName("default-mailbox")]
        public MailboxOptions DefaultMailbox { get; set; } = new();

        public long Buffer { get; set; }

        public TimeSpan Tick { get; set; }

        [Required]
        public List<string> Names { get; set; } = [];
    }

    private static IConfigurationRoot Build(string text) =>
        new ConfigurationBuilder().AddHoconString(text).Build();

    [Fact]
    public void Keys_are_flattened_with_colons_and_arrays_by_index()
    {
        var configuration = Build(Actor);

        Assert.Equal("30", configuration["flowsense:actor:default-dispatcher:throughput"]);
        Assert.Equal("alpha", configuration["flowsense:actor:names:0"]);
        Assert.Equal("beta", configuration["flowsense:actor:names:1"]);
        Assert.Equal("backpressure", configuration["FlowSense:Actor:Default-Mailbox:Overflow"]); // MEC keys ignore case
    }

    [Fact]
    public void Durations_become_TimeSpan_text_and_sizes_become_byte_counts()
    {
        var configuration = Build(Actor);

        Assert.Equal("00:00:05", configuration["flowsense:actor:ask-timeout"]);
        Assert.Equal("00:00:00.5000000", configuration["flowsense:actor:tick"]);
        Assert.Equal("4096", configuration["flowsense:actor:buffer"]);
    }

    [Fact]
    public void Options_bind_from_kebab_case_keys()
    {
        var options = Build(Actor).GetSection("flowsense:actor").Get<ActorOptions>()!;

        Assert.Equal(TimeSpan.FromSeconds(5), options.AskTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Tick);
        Assert.Equal(1000, options.StashCapacity);
        Assert.Equal(1000, options.DefaultMailbox.Capacity);
        Assert.Equal(Overflow.Backpressure, options.DefaultMailbox.Overflow);
        Assert.Equal(4096, options.Buffer);
        Assert.Equal(["alpha", "beta"], options.Names);
    }

    [Fact]
    public void IOptions_binding_through_dependency_injection_sees_the_hocon_values()
    {
        var configuration = Build(Actor);
        using var services = new ServiceCollection()
            .Configure<ActorOptions>(configuration.GetSection("flowsense:actor"))
            .BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<ActorOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(5), options.AskTimeout);
        Assert.Equal(Overflow.Backpressure, options.DefaultMailbox.Overflow);
    }

    [Fact]
    public void Environment_variables_added_later_override_hocon_keys_the_dotnet_way()
    {
        // A prefix unique to this test keeps it independent of the machine and of other tests.
        const string Prefix = "FSTEST_HOCON_7F3A_";
        var variables = new Dictionary<string, string>
        {
            [Prefix + "FLOWSENSE__ACTOR__ASK-TIMEOUT"] = "00:00:01",
            [Prefix + "FLOWSENSE__ACTOR__DEFAULT-MAILBOX__OVERFLOW"] = "drop",
        };
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            var options = new ConfigurationBuilder()
                .AddHoconString(Actor)
                .AddEnvironmentVariables(Prefix)
                .Build()
                .GetSection("flowsense:actor")
                .Get<ActorOptions>()!;

            Assert.Equal(TimeSpan.FromSeconds(1), options.AskTimeout);
            Assert.Equal(Overflow.Drop, options.DefaultMailbox.Overflow);
            Assert.Equal(1000, options.StashCapacity); // not overridden
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Fact]
    public void A_later_hocon_file_overrides_an_earlier_one()
    {
        var directory = Directory.CreateTempSubdirectory("hocon-mec-").FullName;
        try
        {
            var defaults = Path.Combine(directory, "defaults.conf");
            var overlay = Path.Combine(directory, "overlay.conf");
            File.WriteAllText(defaults, Actor);
            File.WriteAllText(overlay, "flowsense.actor.ask-timeout = 2 minutes");

            var configuration = new ConfigurationBuilder().AddHoconFile(defaults).AddHoconFile(overlay).Build();

            Assert.Equal("00:02:00", configuration["flowsense:actor:ask-timeout"]);
            Assert.Equal("1000", configuration["flowsense:actor:stash-capacity"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_is_empty_when_optional_and_an_error_otherwise()
    {
        var missing = Path.Combine(Path.GetTempPath(), "hocon-" + Guid.NewGuid().ToString("N") + ".conf");

        var configuration = new ConfigurationBuilder().AddHoconFile(missing, optional: true).Build();

        Assert.Empty(configuration.AsEnumerable());
        Assert.Throws<FileNotFoundException>(() => new ConfigurationBuilder().AddHoconFile(missing).Build());
    }

    [Fact]
    public void The_debug_view_names_the_hocon_source()
    {
        var configuration = new ConfigurationBuilder().AddHoconFile("missing.conf", optional: true).AddHoconString("a = 1").Build();

        var view = configuration.GetDebugView();

        Assert.Contains("a=1 (HoconConfigurationProvider for text)", view, StringComparison.Ordinal);
        Assert.Equal("HoconConfigurationProvider for 'missing.conf' (Optional)", configuration.Providers.First().ToString());
    }

    [Fact]
    public void A_malformed_document_fails_the_build_with_its_location()
    {
        var error = Assert.Throws<HoconParseException>(() => Build("a {\n  b = [1, 2\n}"));

        Assert.Equal("string:3:1: expected ']' to close the array opened at 2:7, found '}'", error.Message);
    }

    [Fact]
    public void Empty_objects_and_arrays_are_keys_without_a_value_like_the_json_provider()
    {
        var keys = Build("a = {}\nb = []\nc { d = 1 }").AsEnumerable().ToList();

        Assert.Contains(new KeyValuePair<string, string?>("a", null), keys);
        Assert.Contains(new KeyValuePair<string, string?>("b", null), keys);
        Assert.DoesNotContain(keys, pair => pair.Key == "c" && pair.Value is not null);
    }

    [Theory]
    [InlineData("a = null", "a", null)]
    [InlineData("a = true", "a", "true")]
    [InlineData("a = 1e5", "a", "1e5")]
    [InlineData("a = \"5 m\"", "a", "00:05:00")] // 'm' alone is minutes: duration units come first
    [InlineData("a = 5 MiB", "a", "5242880")]
    [InlineData("a = 10 apples", "a", "10 apples")]
    [InlineData("a = [[1, 2], [3]]", "a:1:0", "3")]
    public void Scalars_map_to_configuration_text(string document, string key, string? expected)
    {
        Assert.Equal(expected, Build(document)[key]);
    }
}
