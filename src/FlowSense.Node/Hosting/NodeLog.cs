using Microsoft.Extensions.Logging;

namespace FlowSense.Node.Hosting;

/// <summary>The node's log messages (source-generated, no allocation when the level is off).</summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Replay '{Name}' failed")]
    public static partial void ReplayFailed(ILogger logger, Exception error, string name);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Management endpoint listening on {Address}")]
    public static partial void ManagementListening(ILogger logger, Uri address);
}
