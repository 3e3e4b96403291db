using System.Runtime.InteropServices;
using FlowSense.Node.Configuration;
using FlowSense.Node.Console;
using FlowSense.Node.Hosting;
using FlowSense.Management.Endpoint;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowSense.Node;

/// <summary>The node executable: parse the command line, load and validate the configuration, run the host.</summary>
internal static class Program
{
    /// <summary>Exit codes: 0 every replay completed and every shutdown phase too; 1 a replay failed or a phase did not complete.</summary>
    private const int ConfigurationError = 2;

    /// <summary>A symbol's stored snapshot cannot be restored with these settings (or is corrupt); the message says what to do.</summary>
    private const int UnrestorableState = 3;

    public static async Task<int> Main(string[] args)
    {
        NodeCommandLine? commandLine = NodeCommandLine.Parse(args, out string? error);
        if (commandLine is null || commandLine.Help)
        {
            await (commandLine is null ? System.Console.Error : System.Console.Out).WriteLineAsync(
                (error is null ? "" : error + Environment.NewLine + Environment.NewLine) + NodeCommandLine.Usage).ConfigureAwait(false);
            return commandLine is null ? ConfigurationError : 0;
        }

        NodeConfiguration configuration;
        try
        {
            configuration = NodeConfiguration.Load(commandLine.ConfigFile ?? NodeConfiguration.FindDefaultOverlay(), commandLine.Overrides);
        }
        catch (NodeConfigurationException ex)
        {
            await System.Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ConfigurationError;
        }

        var run = new NodeRunOptions(System.Console.Out, live: !commandLine.Plain && ConsoleView.IsTerminal);
        // Remember which signal stopped the node, for the shutdown report; the host's console lifetime does the stopping.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => run.Signal = "SIGTERM");
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => run.Signal = "SIGINT (Ctrl+C)");

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        builder.Configuration.AddConfiguration(configuration.Configuration);
        // Logs go to standard error so they never tear the live view on standard output.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter(level => level >= LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownBudget(configuration));
        builder.Services.AddSingleton(configuration).AddSingleton(run).AddHostedService<NodeService>();

        using IHost host = builder.Build();
        NodeService service = host.Services.GetServices<IHostedService>().OfType<NodeService>().Single();
        try
        {
            await host.RunAsync().ConfigureAwait(false);
        }
        catch (ManagementConfigurationException ex)
        {
            await System.Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ConfigurationError;
        }
        if (service.Failure is not null)
            return UnrestorableState;
        return service.Report is { } report && report.Phases.AllCompleted && report.Summary.Sources.All(s => s.LastError is null) ? 0 : 1;
    }

    /// <summary>Every shutdown phase may take its timeout; the host must wait for all of them.</summary>
    private static TimeSpan ShutdownBudget(NodeConfiguration configuration) =>
        configuration.ActorSystem.CoordinatedShutdown.DefaultPhaseTimeout * 8 + TimeSpan.FromSeconds(5);
}
