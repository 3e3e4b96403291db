using System.Text.Json.Serialization.Metadata;
using FlowSense.Management.Contract;
using FlowSense.Management.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace FlowSense.Management.Endpoint;

/// <summary>
/// Maps the management routes (<see cref="ManagementRoutes"/>) as minimal APIs over an <see cref="IManagedNode"/>.
/// Per-symbol answers carry an ETag of the symbol's version and answer 304 to a matching <c>If-None-Match</c>: that is
/// the follow mechanism (<see cref="Client.ManagementClient.FollowBookAsync"/> polls with it).
/// </summary>
public static class ManagementEndpoints
{
    private const int MaxDepth = 1000;
    private const int MaxBars = 10_000;

    /// <summary>Maps every management route.</summary>
    public static IEndpointRouteBuilder MapManagement(this IEndpointRouteBuilder endpoints, IManagedNode node, PrometheusExporter metrics)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(metrics);

        endpoints.MapGet(ManagementRoutes.Node, () => Results.Json(node.Node(), ManagementJson.Default.NodeInfo));
        endpoints.MapGet(ManagementRoutes.Actors, () => Results.Json(node.Actors(), ManagementJson.Default.ActorHierarchy));
        endpoints.MapGet(ManagementRoutes.Symbols, async (CancellationToken ct) =>
            Results.Json(await node.SymbolsAsync(ct).ConfigureAwait(false), ManagementJson.Default.SymbolList));

        endpoints.MapGet(ManagementRoutes.Symbols + "/{symbol}/book", async (string symbol, int? depth, HttpContext http, CancellationToken ct) =>
        {
            int levels = depth ?? ManagementRoutes.DefaultDepth;
            if (levels is < 1 or > MaxDepth)
                return BadRequest($"depth must be between 1 and {MaxDepth}.");
            SymbolBook? book = await node.BookAsync(Unescape(symbol), levels, ct).ConfigureAwait(false);
            return Versioned(http, book, book?.Version, symbol, ManagementJson.Default.SymbolBook);
        });
        endpoints.MapGet(ManagementRoutes.Symbols + "/{symbol}/features", async (string symbol, HttpContext http, CancellationToken ct) =>
        {
            SymbolFeatures? features = await node.FeaturesAsync(Unescape(symbol), ct).ConfigureAwait(false);
            return Versioned(http, features, features?.Version, symbol, ManagementJson.Default.SymbolFeatures);
        });
        endpoints.MapGet(ManagementRoutes.Symbols + "/{symbol}/bars", async (string symbol, int? count, HttpContext http, CancellationToken ct) =>
        {
            int bars = count ?? ManagementRoutes.DefaultBarCount;
            if (bars is < 1 or > MaxBars)
                return BadRequest($"count must be between 1 and {MaxBars}.");
            SymbolBars? result = await node.BarsAsync(Unescape(symbol), bars, ct).ConfigureAwait(false);
            return Versioned(http, result, result?.Version, symbol, ManagementJson.Default.SymbolBars);
        });
        endpoints.MapGet(ManagementRoutes.Symbols + "/{symbol}/counters", async (string symbol, HttpContext http, CancellationToken ct) =>
        {
            SymbolCounters? counters = await node.CountersAsync(Unescape(symbol), ct).ConfigureAwait(false);
            return Versioned(http, counters, counters?.Version, symbol, ManagementJson.Default.SymbolCounters);
        });

        endpoints.MapGet(ManagementRoutes.Connectors, () => Results.Json(node.Connectors(), ManagementJson.Default.ConnectorList));
        endpoints.MapPost(ManagementRoutes.Connectors + "/{name}/restart", async (string name, CancellationToken ct) =>
        {
            ConnectorRestart? restart = await node.RestartConnectorAsync(Unescape(name), ct).ConfigureAwait(false);
            if (restart is null)
                return Error(StatusCodes.Status404NotFound, "unknown-connector", $"The node has no connector '{Unescape(name)}': see 'flowsense connector list'.");
            return restart.Accepted
                ? Results.Json(restart, ManagementJson.Default.ConnectorRestart, statusCode: StatusCodes.Status202Accepted)
                : Error(StatusCodes.Status409Conflict, "conflict", restart.Message);
        });

        endpoints.MapGet(ManagementRoutes.Metrics, () => Results.Text(metrics.Scrape(), PrometheusExporter.ContentType));
        return endpoints;
    }

    /// <summary>200 with an ETag, 304 when the client already has this version, 404 for an unknown symbol.</summary>
    private static IResult Versioned<T>(HttpContext http, T? value, long? version, string symbol, JsonTypeInfo<T> type)
        where T : class
    {
        if (value is null)
            return Error(StatusCodes.Status404NotFound, "unknown-symbol",
                $"The node does not own '{Unescape(symbol)}': see 'flowsense symbol list' (symbols are VENUE:SYMBOL).");
        var etag = new EntityTagHeaderValue($"\"{version}\"");
        http.Response.Headers.ETag = etag.ToString();
        IList<EntityTagHeaderValue> known = http.Request.GetTypedHeaders().IfNoneMatch;
        if (known.Any(k => k.Compare(etag, useStrongComparison: false)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Json(value, type);
    }

    private static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, "bad-request", message);

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new ManagementError(code, message), ManagementJson.Default.ManagementError, statusCode: status);

    // Kestrel leaves an escaped '/' (%2F) escaped in a route value; symbols such as KRAKEN:XBT/USD need it decoded.
    private static string Unescape(string value) => Uri.UnescapeDataString(value);
}
