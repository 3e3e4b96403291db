using System.Net;

namespace FlowSense.Management.Endpoint;

/// <summary>
/// Where the management endpoint listens and the token it demands (configuration section
/// <c>flowsense.node.management</c>). Loopback needs no token; any other address does, and <see cref="Validate"/>
/// refuses to start without one.
/// </summary>
public sealed class ManagementOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "flowsense:node:management";

    /// <summary>The default address: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:9100";

    /// <summary>The listen address, e.g. <c>http://127.0.0.1:9100</c>; port 0 picks a free port.</summary>
    public string Url { get; set; } = DefaultUrl;

    /// <summary>The bearer token clients must send; required when <see cref="Url"/> is not a loopback address.</summary>
    public string? Token { get; set; }

    /// <summary>False turns the endpoint off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>True when <see cref="Url"/>'s host is a loopback address (127.0.0.0/8, ::1, localhost).</summary>
    public bool IsLoopback => IsLoopbackHost(ParseUrl().Host);

    /// <summary>Checks the address and the token rule.</summary>
    /// <exception cref="ManagementConfigurationException">The address is malformed, or it is not loopback and no token is set.</exception>
    public void Validate()
    {
        Uri url = ParseUrl();
        if (!IsLoopbackHost(url.Host) && string.IsNullOrWhiteSpace(Token))
            throw new ManagementConfigurationException(
                $"The management endpoint is configured to listen on {Url}, which is not a loopback address, and no token is set. " +
                "Set flowsense.node.management.token (or the environment variable FLOWSENSE__NODE__MANAGEMENT__TOKEN) to a secret " +
                "that clients pass as a bearer token, or listen on 127.0.0.1.");
    }

    private Uri ParseUrl()
    {
        // Kestrel's wildcards (*, +) mean every interface; give them a host Uri can parse, which is then not loopback.
        string text = Url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ManagementConfigurationException($"flowsense.node.management.url '{Url}' is not an http:// or https:// address such as {DefaultUrl}.");
        return uri;
    }

    private static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address);
}
