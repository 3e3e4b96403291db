namespace FlowSense.Node.Hosting;

/// <summary>The values of <see cref="Management.Contract.NodeInfo.Status"/>.</summary>
internal static class NodeStatus
{
    public const string Starting = "starting";
    public const string Running = "running";
    public const string ReplaysComplete = "replays-complete";
    public const string Stopping = "stopping";
    /// <summary>A symbol could not recover from its snapshot; the run is being stopped and exits non-zero.</summary>
    public const string Failed = "failed";
    public const string Stopped = "stopped";
}
