namespace FlowSense.Feeds.Connectors;

/// <summary>
/// What an operator sees of a connector: its state, how often it connected and resynchronized, and its last error.
/// It outlives each connection (a restarted connector keeps counting), and is safe to read from any thread.
/// </summary>
public sealed class ConnectorStatus(string name)
{
    private long _connects;
    private long _resyncs;
    private long _messages;
    private volatile ConnectorState _state = ConnectorState.Disconnected;
    private volatile string? _lastError;

    public string Name { get; } = name;

    public ConnectorState State => _state;

    /// <summary>Successful connections, the first included.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Connections after the first: each follows a lost one.</summary>
    public long Reconnects => Math.Max(0, Connects - 1);

    /// <summary>Books resynchronized after losing sync (gap, checksum mismatch) within a connection.</summary>
    public long Resyncs => Interlocked.Read(ref _resyncs);

    public long MessagesReceived => Interlocked.Read(ref _messages);

    public string? LastError => _lastError;

    internal void Enter(ConnectorState state) => _state = state;

    internal void Connected()
    {
        Interlocked.Increment(ref _connects);
        _state = ConnectorState.Syncing;
    }

    internal void Resynced() => Interlocked.Increment(ref _resyncs);

    internal void Received() => Interlocked.Increment(ref _messages);

    internal void Failed(Exception error)
    {
        _lastError = error.Message;
        _state = ConnectorState.Disconnected;
    }

    public override string ToString() =>
        $"{Name}: {State}, {Connects} connects, {Resyncs} resyncs, {MessagesReceived} messages" + (LastError is null ? "" : $", last error: {LastError}");
}
