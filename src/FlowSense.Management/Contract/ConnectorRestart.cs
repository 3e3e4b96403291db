namespace FlowSense.Management.Contract;

/// <summary>The answer to <c>POST /api/v1/connectors/{name}/restart</c>.</summary>
/// <param name="Name">The connector.</param>
/// <param name="Accepted">True when a restart was started.</param>
/// <param name="Message">What happened, or why it was refused.</param>
public sealed record ConnectorRestart(string Name, bool Accepted, string Message);
