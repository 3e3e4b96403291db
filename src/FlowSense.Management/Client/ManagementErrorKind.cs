namespace FlowSense.Management.Client;

/// <summary>Why a management call failed, so a caller can choose what to tell the operator.</summary>
public enum ManagementErrorKind
{
    /// <summary>No node answered at the address (refused, timed out, not HTTP).</summary>
    Unreachable,

    /// <summary>The node requires a bearer token and the one given was missing or wrong (HTTP 401).</summary>
    Unauthorized,

    /// <summary>The node does not own the symbol (HTTP 404 on a symbol route).</summary>
    UnknownSymbol,

    /// <summary>The node has no connector of that name (HTTP 404 on a connector route).</summary>
    UnknownConnector,

    /// <summary>The node refused the request in its current state (HTTP 409), e.g. restarting a finished replay.</summary>
    Conflict,

    /// <summary>Any other failure: a bad request or a server error.</summary>
    Failed,
}
