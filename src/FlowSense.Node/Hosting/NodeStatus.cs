namespace FlowSense.Node.Hosting;

/// <summary>The values of <see cref="Management.Contract.NodeInfo.Status"/>.</summary>
internal static class NodeStatus
{
    public const string Starting = "starting";
    public const string Running = "running";
    public const string ReplaysComplete = "replays-complete";
    public const string Stopping = "stopping";
    public const string Stopped = "stopped";
}
