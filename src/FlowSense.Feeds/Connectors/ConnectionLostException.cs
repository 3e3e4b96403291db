namespace FlowSense.Feeds.Connectors;

/// <summary>A venue connection ended: the venue closed it, it went silent, or the network failed. Supervisors reconnect.</summary>
public sealed class ConnectionLostException(string venue, string reason, Exception? inner = null)
    : Exception($"{venue}: connection lost: {reason}", inner);
