using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowSense.Management.Contract;

namespace FlowSense.Management.Client;

/// <summary>
/// Talks to one node's management endpoint. Every failure surfaces as a <see cref="ManagementException"/> whose
/// <see cref="ManagementException.Kind"/> tells unreachable, unauthorized and unknown symbol apart and whose message
/// says what to do. <c>Follow…</c> methods poll with <c>If-None-Match</c>: the node answers 304 while the symbol's
/// version (its ETag) is unchanged, so a follow costs one small request per interval and yields only changes.
/// </summary>
public sealed class ManagementClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Uses <paramref name="http"/>, whose <see cref="HttpClient.BaseAddress"/> is the node.</summary>
    /// <param name="http">The HTTP client; not disposed by this client.</param>
    /// <param name="token">The bearer token, or null for a loopback node without one.</param>
    public ManagementClient(HttpClient http, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
            throw new ArgumentException("The HttpClient needs a BaseAddress (the node's endpoint).", nameof(http));
        _http = http;
        if (!string.IsNullOrEmpty(token))
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private ManagementClient(HttpClient http, string? token, bool ownsHttp) : this(http, token) => _ownsHttp = ownsHttp;

    /// <summary>The node's address.</summary>
    public Uri Node => _http.BaseAddress!;

    /// <summary>
    /// A client for <paramref name="node"/>, given as <c>host:port</c> (as the CLI's <c>--node</c>) or as an http(s) URL.
    /// </summary>
    /// <param name="node">The node's address.</param>
    /// <param name="token">The bearer token, or null.</param>
    /// <param name="timeout">Per-request timeout; 10 s when null.</param>
    /// <exception cref="ArgumentException">The address is neither <c>host:port</c> nor a URL.</exception>
    public static ManagementClient Connect(string node, string? token = null, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = ParseNode(node), Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        return new ManagementClient(http, token, ownsHttp: true);
    }

    /// <summary>Parses <c>host:port</c> or an http(s) URL into the endpoint's base address.</summary>
    /// <exception cref="ArgumentException">It is neither.</exception>
    public static Uri ParseNode(string node)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        string text = node.Contains("://", StringComparison.Ordinal) ? node : "http://" + node;
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.IsDefaultPort && !node.Contains("://", StringComparison.Ordinal))
            throw new ArgumentException($"'{node}' is not a node address: give host:port (e.g. 127.0.0.1:9100) or an http:// URL.", nameof(node));
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>The node's identity and status.</summary>
    public Task<NodeInfo> GetNodeAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ManagementRoutes.Node, ManagementJson.Default.NodeInfo, null, cancellationToken);

    /// <summary>The actor hierarchy with mailbox depths and restart counts.</summary>
    public Task<ActorHierarchy> GetActorsAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ManagementRoutes.Actors, ManagementJson.Default.ActorHierarchy, null, cancellationToken);

    /// <summary>The symbols the node owns.</summary>
    public Task<SymbolList> GetSymbolsAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ManagementRoutes.Symbols, ManagementJson.Default.SymbolList, null, cancellationToken);

    /// <summary>The top <paramref name="depth"/> levels a side of <paramref name="symbol"/>'s book.</summary>
    public Task<SymbolBook> GetBookAsync(string symbol, int depth = ManagementRoutes.DefaultDepth, CancellationToken cancellationToken = default) =>
        GetAsync(ManagementRoutes.Book(symbol, depth), ManagementJson.Default.SymbolBook, symbol, cancellationToken);

    /// <summary>The features of <paramref name="symbol"/>.</summary>
    public Task<SymbolFeatures> GetFeaturesAsync(string symbol, CancellationToken cancellationToken = default) =>
        GetAsync(ManagementRoutes.Features(symbol), ManagementJson.Default.SymbolFeatures, symbol, cancellationToken);

    /// <summary>The last <paramref name="count"/> bars of <paramref name="symbol"/>.</summary>
    public Task<SymbolBars> GetBarsAsync(string symbol, int count = ManagementRoutes.DefaultBarCount, CancellationToken cancellationToken = default) =>
        GetAsync(ManagementRoutes.Bars(symbol, count), ManagementJson.Default.SymbolBars, symbol, cancellationToken);

    /// <summary>The health counters of <paramref name="symbol"/>'s actor.</summary>
    public Task<SymbolCounters> GetCountersAsync(string symbol, CancellationToken cancellationToken = default) =>
        GetAsync(ManagementRoutes.Counters(symbol), ManagementJson.Default.SymbolCounters, symbol, cancellationToken);

    /// <summary>The node's connectors.</summary>
    public Task<ConnectorList> GetConnectorsAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ManagementRoutes.Connectors, ManagementJson.Default.ConnectorList, null, cancellationToken);

    /// <summary>Restarts the connector <paramref name="name"/>.</summary>
    /// <exception cref="ManagementException">Unknown connector, or the connector cannot be restarted now (Conflict).</exception>
    public async Task<ConnectorRestart> RestartConnectorAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var request = new HttpRequestMessage(HttpMethod.Post, Relative(ManagementRoutes.RestartConnector(name)));
        using HttpResponseMessage response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, symbol: null, connector: name, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, ManagementJson.Default.ConnectorRestart, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The node's metrics in Prometheus text format.</summary>
    public async Task<string> GetMetricsAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Relative(ManagementRoutes.Metrics));
        using HttpResponseMessage response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, null, null, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The book now, then again each time it changes, checked every <paramref name="interval"/>.</summary>
    public IAsyncEnumerable<SymbolBook> FollowBookAsync(string symbol, int depth, TimeSpan interval, CancellationToken cancellationToken = default) =>
        FollowAsync(ManagementRoutes.Book(symbol, depth), ManagementJson.Default.SymbolBook, symbol, interval, cancellationToken);

    /// <summary>The features now, then again each time they change, checked every <paramref name="interval"/>.</summary>
    public IAsyncEnumerable<SymbolFeatures> FollowFeaturesAsync(string symbol, TimeSpan interval, CancellationToken cancellationToken = default) =>
        FollowAsync(ManagementRoutes.Features(symbol), ManagementJson.Default.SymbolFeatures, symbol, interval, cancellationToken);

    /// <summary>The bars now, then again each time they change, checked every <paramref name="interval"/>.</summary>
    public IAsyncEnumerable<SymbolBars> FollowBarsAsync(string symbol, int count, TimeSpan interval, CancellationToken cancellationToken = default) =>
        FollowAsync(ManagementRoutes.Bars(symbol, count), ManagementJson.Default.SymbolBars, symbol, interval, cancellationToken);

    /// <summary>The counters now, then again each time they change, checked every <paramref name="interval"/>.</summary>
    public IAsyncEnumerable<SymbolCounters> FollowCountersAsync(string symbol, TimeSpan interval, CancellationToken cancellationToken = default) =>
        FollowAsync(ManagementRoutes.Counters(symbol), ManagementJson.Default.SymbolCounters, symbol, interval, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
            _http.Dispose();
    }

    private async IAsyncEnumerable<T> FollowAsync<T>(
        string route, JsonTypeInfo<T> type, string symbol, TimeSpan interval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        EntityTagHeaderValue? etag = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Relative(route));
            if (etag is not null)
                request.Headers.IfNoneMatch.Add(etag);
            T? changed = default;
            bool hasChanged = false;
            using (HttpResponseMessage response = await SendAsync(request, cancellationToken).ConfigureAwait(false))
            {
                if (response.StatusCode != HttpStatusCode.NotModified)
                {
                    await EnsureSuccessAsync(response, symbol, null, cancellationToken).ConfigureAwait(false);
                    etag = response.Headers.ETag;
                    changed = await ReadAsync(response, type, cancellationToken).ConfigureAwait(false);
                    hasChanged = true;
                }
            }
            if (hasChanged)
                yield return changed!;
            try
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private async Task<T> GetAsync<T>(string route, JsonTypeInfo<T> type, string? symbol, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Relative(route));
        using HttpResponseMessage response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, symbol, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, type, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(ex); // HttpClient's own timeout
        }
    }

    private ManagementException Unreachable(Exception ex) => new(ManagementErrorKind.Unreachable,
        $"No FlowSense node answered at {Node} ({ex.Message}). Check that the node is running and that --node gives its " +
        "management address (flowsense.node.management.url in its configuration).", ex);

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string? symbol, string? connector, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        string? detail = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new ManagementException(ManagementErrorKind.Unauthorized,
                $"The node at {Node} refused the token: pass the token of its configuration (flowsense.node.management.token) with --token."),
            HttpStatusCode.NotFound when connector is not null => new ManagementException(ManagementErrorKind.UnknownConnector,
                detail ?? $"The node has no connector '{connector}': see 'flowsense connector list'."),
            HttpStatusCode.NotFound when symbol is not null => new ManagementException(ManagementErrorKind.UnknownSymbol,
                detail ?? $"The node does not own '{symbol}': see 'flowsense symbol list' (symbols are VENUE:SYMBOL)."),
            HttpStatusCode.Conflict => new ManagementException(ManagementErrorKind.Conflict, detail ?? "The node refused the request in its current state."),
            _ => new ManagementException(ManagementErrorKind.Failed,
                $"The node at {Node} answered {(int)response.StatusCode} {response.ReasonPhrase}" + (detail is null ? "." : $": {detail}")),
        };
    }

    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
            return null;
        try
        {
            ManagementError? error = await response.Content.ReadFromJsonAsync(ManagementJson.Default.ManagementError, cancellationToken).ConfigureAwait(false);
            return error?.Message;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
                ?? throw new ManagementException($"The node at {Node} sent an empty answer.");
        }
        catch (JsonException ex)
        {
            throw new ManagementException($"The node at {Node} sent an answer this client cannot read ({ex.Message}); are the CLI and the node the same version?", ex);
        }
    }

    private static Uri Relative(string route) => new(route.TrimStart('/'), UriKind.Relative);
}
