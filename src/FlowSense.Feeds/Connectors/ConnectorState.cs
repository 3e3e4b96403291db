namespace FlowSense.Feeds.Connectors;

/// <summary>Where a connector is in its life.</summary>
public enum ConnectorState
{
    /// <summary>Opening the socket.</summary>
    Connecting,
    /// <summary>Connected and subscribed; at least one book still waits for its snapshot.</summary>
    Syncing,
    /// <summary>Every subscribed book is in sync.</summary>
    Live,
    /// <summary>The connection ended; a supervisor will reconnect after its backoff.</summary>
    Disconnected,
    /// <summary>Stopped on purpose.</summary>
    Stopped,
}
