using FlowSense.Management.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowSense.Management.Endpoint;

/// <summary>
/// The management endpoint of one node: a small Kestrel application serving <see cref="ManagementEndpoints"/>
/// behind <see cref="BearerTokenCheck"/>. <see cref="StartAsync"/> validates the options first, so a non-loopback
/// address without a token never listens.
/// </summary>
public sealed class ManagementServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ManagementServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address it listens on, with the actual port when the configured one was 0.</summary>
    public Uri Address { get; }

    /// <summary>Validates <paramref name="options"/>, then listens.</summary>
    /// <exception cref="ManagementConfigurationException">Non-loopback address without a token, or a malformed address.</exception>
    public static async Task<ManagementServer> StartAsync(
        ManagementOptions options, IManagedNode node, PrometheusExporter metrics, ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "FlowSense.Management" });
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
            builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseUrls(options.Url);
        WebApplication app = builder.Build();
        app.UseManagementToken(options.Token);
        app.MapManagement(node, metrics);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? options.Url;
        return new ManagementServer(app, new Uri(bound.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>Stops listening; requests in flight get <paramref name="cancellationToken"/>'s time to finish.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
