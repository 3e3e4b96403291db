using FlowSense.Actors;
using Microsoft.Extensions.Logging;

namespace FlowSense.Node.Connectors;

/// <summary>
/// The parent of the live connectors' backoff supervisors, at <c>/user/connectors</c>: one child per connector, named
/// after it. Stopping it closes every connection (the node's shutdown does so before draining ingestion).
/// </summary>
internal sealed class ConnectorsActor(IReadOnlyList<LiveConnector> connectors, HttpClient http, ILoggerFactory loggers) : UntypedActor
{
    /// <summary>The actor's name under <c>/user</c>.</summary>
    public const string Name = "connectors";

    protected override void PreStart()
    {
        foreach (LiveConnector connector in connectors)
        {
            ILogger logger = loggers.CreateLogger("FlowSense.Node.Connectors." + connector.Name);
            connector.Supervised(Context.ActorOf(connector.SupervisorProps(http, logger), connector.Name));
        }
    }

    protected override void OnReceive(object message) => Unhandled(message);
}
