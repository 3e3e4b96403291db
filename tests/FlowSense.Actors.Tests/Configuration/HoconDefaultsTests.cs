using FlowSense.Actors.Configuration;
using Microsoft.Extensions.Configuration;

namespace FlowSense.Actors.Tests.Configuration;

/// <summary>The shipped files in hocon/: every one parses, and the kernel's keys resolve to the documented values.</summary>
public sealed class HoconDefaultsTests
{
    private static readonly string HoconDirectory = Path.Combine(FindRepositoryRoot(), "hocon");

    private static IEnumerable<string> ShippedFileNames() =>
        Directory.GetFiles(HoconDirectory, "*.conf").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static TheoryData<string> ShippedFiles() => [.. ShippedFileNames()];

    private static HoconConfig Load(string file) => HoconConfig.LoadFile(Path.Combine(HoconDirectory, file), _ => null);

    [Fact]
    public void The_four_documented_files_are_shipped()
    {
        Assert.Equal(["cluster.conf", "flowsense.conf", "single-node.conf", "test.conf"], ShippedFileNames());
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Every_file_defines_every_kernel_key(string file)
    {
        var config = Load(file);

        Assert.InRange(config.GetInt("flowsense.actor.default-dispatcher.throughput"), 1, 10_000);
        Assert.InRange(config.GetInt("flowsense.actor.default-mailbox.capacity"), 1, 1_000_000);
        Assert.Contains(config.GetString("flowsense.actor.default-mailbox.overflow"), new[] { "backpressure", "drop", "fail" });
        Assert.True(config.GetDuration("flowsense.actor.ask-timeout") > TimeSpan.Zero);
        Assert.InRange(config.GetInt("flowsense.actor.stash-capacity"), 1, 1_000_000);
        Assert.True(config.GetDuration("flowsense.coordinated-shutdown.default-phase-timeout") > TimeSpan.Zero);
    }

    [Fact]
    public void Defaults_are_the_documented_values()
    {
        var config = Load("flowsense.conf");

        Assert.Equal(30, config.GetInt("flowsense.actor.default-dispatcher.throughput"));
        Assert.Equal(LanesDispatcherOptions.DefaultIdleSpin, config.GetDuration("flowsense.actor.lanes-dispatcher.idle-spin"));
        Assert.Equal(1000, config.GetInt("flowsense.actor.default-mailbox.capacity"));
        Assert.Equal("backpressure", config.GetString("flowsense.actor.default-mailbox.overflow"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetDuration("flowsense.actor.ask-timeout"));
        Assert.Equal(1000, config.GetInt("flowsense.actor.stash-capacity"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetDuration("flowsense.coordinated-shutdown.default-phase-timeout"));
        Assert.False(config.HasPath("flowsense.cluster"));
    }

    [Fact]
    public void Overlays_change_only_their_own_keys()
    {
        var defaults = Load("flowsense.conf");
        var single = Load("single-node.conf");
        var cluster = Load("cluster.conf");
        var test = Load("test.conf");

        Assert.Equal("single", single.GetString("flowsense.node.role"));
        Assert.Equal(defaults.GetConfig("flowsense.actor").ToString(), single.GetConfig("flowsense.actor").ToString());

        Assert.Equal("cluster", cluster.GetString("flowsense.node.role"));
        Assert.Equal(256, cluster.GetInt("flowsense.cluster.shard-count"));
        Assert.Equal(TimeSpan.FromSeconds(1), cluster.GetDuration("flowsense.cluster.heartbeat-interval"));

        Assert.Equal(16, test.GetInt("flowsense.actor.default-mailbox.capacity"));
        Assert.Equal(16, test.GetInt("flowsense.actor.stash-capacity"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), test.GetDuration("flowsense.actor.ask-timeout"));
        Assert.Equal(TimeSpan.FromSeconds(1), test.GetDuration("flowsense.coordinated-shutdown.default-phase-timeout"));
        Assert.Equal("backpressure", test.GetString("flowsense.actor.default-mailbox.overflow"));
        Assert.Equal(30, test.GetInt("flowsense.actor.default-dispatcher.throughput"));
    }

    [Fact]
    public void The_defaults_bind_through_Microsoft_Extensions_Configuration()
    {
        var configuration = new ConfigurationBuilder().AddHoconFile(Path.Combine(HoconDirectory, "test.conf")).Build();

        Assert.Equal("00:00:00.5000000", configuration["flowsense:actor:ask-timeout"]);
        Assert.Equal("16", configuration["flowsense:actor:default-mailbox:capacity"]);
        Assert.Equal(TimeSpan.FromSeconds(1), configuration.GetValue<TimeSpan>("flowsense:coordinated-shutdown:default-phase-timeout"));
    }

    [Fact]
    public void The_kernel_options_bind_from_the_test_overlay()
    {
        // test.conf differs from the options' built-in defaults, so equal values prove the binding happened.
        var configuration = new ConfigurationBuilder().AddHoconFile(Path.Combine(HoconDirectory, "test.conf")).Build();

        var options = ActorSystemOptions.FromConfiguration(configuration);

        Assert.Equal(16, options.DefaultMailbox.Capacity);
        Assert.Equal(MailboxOverflow.Backpressure, options.DefaultMailbox.Overflow);
        Assert.Equal(30, options.DefaultDispatcher.Throughput);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.AskTimeout);
        Assert.Equal(16, options.StashCapacity);
        Assert.Equal(TimeSpan.FromSeconds(1), options.CoordinatedShutdown.DefaultPhaseTimeout);
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void The_kernel_options_bind_and_validate_from_every_file(string file)
    {
        var hocon = Load(file);
        var configuration = new ConfigurationBuilder().AddHoconFile(Path.Combine(HoconDirectory, file)).Build();

        var options = ActorSystemOptions.FromConfiguration(configuration);

        Assert.Equal(hocon.GetInt("flowsense.actor.default-mailbox.capacity"), options.DefaultMailbox.Capacity);
        Assert.Equal(hocon.GetDuration("flowsense.actor.ask-timeout"), options.AskTimeout);
        Assert.Equal(hocon.GetInt("flowsense.actor.stash-capacity"), options.StashCapacity);
        Assert.Equal(hocon.GetDuration("flowsense.coordinated-shutdown.default-phase-timeout"), options.CoordinatedShutdown.DefaultPhaseTimeout);
    }

    [Fact]
    public void An_environment_variable_overrides_the_shipped_file_for_the_kernel()
    {
        const string Prefix = "FSTEST_HOCON_KERNEL_2C9E_";
        var variable = Prefix + "FLOWSENSE__ACTOR__DEFAULT-MAILBOX__OVERFLOW";
        Environment.SetEnvironmentVariable(variable, "fail");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddHoconFile(Path.Combine(HoconDirectory, "flowsense.conf"))
                .AddEnvironmentVariables(Prefix)
                .Build();

            Assert.Equal(MailboxOverflow.Fail, ActorSystemOptions.FromConfiguration(configuration).DefaultMailbox.Overflow);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FlowSense.Actors.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"FlowSense.Actors.sln not found above {AppContext.BaseDirectory}");
    }
}
