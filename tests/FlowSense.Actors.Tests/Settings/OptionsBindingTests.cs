using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlowSense.Actors.Tests.Settings;

public sealed class OptionsBindingTests
{
    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static readonly Dictionary<string, string?> Contract = new()
    {
        ["flowsense:actor:default-dispatcher:throughput"] = "30",
        ["flowsense:actor:lanes-dispatcher:threads"] = "3",
        ["flowsense:actor:lanes-dispatcher:throughput"] = "12",
        ["flowsense:actor:lanes-dispatcher:idle-spin"] = "00:00:00.0001",
        ["flowsense:actor:default-mailbox:capacity"] = "1000",
        ["flowsense:actor:default-mailbox:overflow"] = "drop",
        ["flowsense:actor:ask-timeout"] = "00:00:05",
        ["flowsense:actor:stash-capacity"] = "1000",
        ["flowsense:coordinated-shutdown:default-phase-timeout"] = "00:00:07",
    };

    [Fact]
    public void The_configuration_contract_binds_every_key()
    {
        ActorSystemOptions options = ActorSystemOptions.FromConfiguration(Configuration(Contract));
        Assert.Equal(30, options.DefaultDispatcher.Throughput);
        Assert.Equal(3, options.LanesDispatcher.Threads);
        Assert.Equal(12, options.LanesDispatcher.Throughput);
        Assert.Equal(TimeSpan.FromMicroseconds(100), options.LanesDispatcher.IdleSpin);
        Assert.Equal(1000, options.DefaultMailbox.Capacity);
        Assert.Equal(MailboxOverflow.Drop, options.DefaultMailbox.Overflow);
        Assert.Equal(TimeSpan.FromSeconds(5), options.AskTimeout);
        Assert.Equal(1000, options.StashCapacity);
        Assert.Equal(TimeSpan.FromSeconds(7), options.CoordinatedShutdown.DefaultPhaseTimeout);
    }

    [Theory]
    [InlineData("backpressure", MailboxOverflow.Backpressure)]
    [InlineData("drop", MailboxOverflow.Drop)]
    [InlineData("fail", MailboxOverflow.Fail)]
    [InlineData("FAIL", MailboxOverflow.Fail)]
    public void Overflow_policies_bind_from_their_configuration_names(string value, MailboxOverflow expected)
    {
        var config = Configuration(new() { ["flowsense:actor:default-mailbox:overflow"] = value });
        Assert.Equal(expected, config.GetSection("flowsense:actor").Get<ActorSystemOptions>()!.DefaultMailbox.Overflow);
    }

    [Fact]
    public void Missing_keys_keep_their_defaults()
    {
        ActorSystemOptions options = ActorSystemOptions.FromConfiguration(Configuration(new() { ["flowsense:actor:stash-capacity"] = "7" }));
        Assert.Equal(7, options.StashCapacity);
        Assert.Equal(30, options.DefaultDispatcher.Throughput);
        Assert.Equal(LanesDispatcherOptions.DefaultIdleSpin, options.LanesDispatcher.IdleSpin);
        Assert.Equal(MailboxOverflow.Backpressure, options.DefaultMailbox.Overflow);
        Assert.Equal(TimeSpan.FromSeconds(5), options.CoordinatedShutdown.DefaultPhaseTimeout);
    }

    [Fact]
    public void Options_bind_through_IOptions_and_environment_variables_override()
    {
        Environment.SetEnvironmentVariable("FSTEST_flowsense__actor__default-dispatcher__throughput", "77");
        try
        {
            IConfiguration config = new ConfigurationBuilder()
                .AddInMemoryCollection(Contract)
                .AddEnvironmentVariables("FSTEST_")
                .Build();
            using ServiceProvider services = new ServiceCollection()
                .Configure<ActorSystemOptions>(config.GetSection(ActorSystemOptions.SectionName))
                .BuildServiceProvider();
            ActorSystemOptions options = services.GetRequiredService<IOptions<ActorSystemOptions>>().Value;
            Assert.Equal(77, options.DefaultDispatcher.Throughput);
            Assert.Equal(MailboxOverflow.Drop, options.DefaultMailbox.Overflow);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FSTEST_flowsense__actor__default-dispatcher__throughput", null);
        }
    }

    [Fact]
    public void Out_of_range_values_are_rejected_naming_the_key()
    {
        var config = Configuration(new() { ["flowsense:actor:default-mailbox:capacity"] = "0" });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystemOptions.FromConfiguration(config));
        Assert.Contains("flowsense.actor.default-mailbox.capacity", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flowsense:actor:lanes-dispatcher:threads", "-1", "flowsense.actor.lanes-dispatcher.threads")]
    [InlineData("flowsense:actor:lanes-dispatcher:throughput", "0", "flowsense.actor.lanes-dispatcher.throughput")]
    [InlineData("flowsense:actor:lanes-dispatcher:idle-spin", "-00:00:00.001", "flowsense.actor.lanes-dispatcher.idle-spin")]
    [InlineData("flowsense:actor:lanes-dispatcher:idle-spin", "00:00:02", "flowsense.actor.lanes-dispatcher.idle-spin")]
    public void Lane_settings_out_of_range_are_rejected_naming_the_key(string key, string value, string named)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystemOptions.FromConfiguration(Configuration(new() { [key] = value })));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_system_created_from_configuration_uses_it()
    {
        using ActorSystem system = ActorSystem.Create("configured", ActorSystemOptions.FromConfiguration(Configuration(Contract)));
        Assert.Equal(30, system.Dispatchers.Default.Throughput);
        var lanes = Assert.IsType<LaneDispatcher>(system.Dispatchers.Lookup(Dispatchers.LanesId));
        Assert.Equal(3, lanes.LaneCount);
        Assert.Equal(12, lanes.Throughput);
        Assert.Equal(TimeSpan.FromMicroseconds(100), lanes.IdleSpin);
        Assert.Equal(MailboxOverflow.Drop, system.Options.DefaultMailbox.Overflow);
    }
}
