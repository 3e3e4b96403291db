using System.Security.Cryptography;
using System.Text;
using FlowSense.Management.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlowSense.Management.Endpoint;

/// <summary>
/// Demands <c>Authorization: Bearer &lt;token&gt;</c> on every request when a token is configured, comparing in constant
/// time; a missing or wrong token gets 401 with a <see cref="ManagementError"/> body.
/// </summary>
public static class BearerTokenCheck
{
    /// <summary>Adds the check ahead of the management routes; does nothing when <paramref name="token"/> is empty.</summary>
    public static IApplicationBuilder UseManagementToken(this IApplicationBuilder app, string? token)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (string.IsNullOrEmpty(token))
            return app;
        byte[] expected = Encoding.UTF8.GetBytes(token);
        return app.Use(async (context, next) =>
        {
            if (IsAuthorized(context.Request, expected))
            {
                await next(context).ConfigureAwait(false);
                return;
            }
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Json(
                new ManagementError("unauthorized", "This node requires a bearer token: pass the token of its configuration (flowsense.node.management.token)."),
                ManagementJson.Default.ManagementError, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context).ConfigureAwait(false);
        });
    }

    private static bool IsAuthorized(HttpRequest request, byte[] expected)
    {
        string? header = request.Headers.Authorization;
        const string scheme = "Bearer ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        byte[] given = Encoding.UTF8.GetBytes(header.AsSpan(scheme.Length).Trim().ToString());
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
