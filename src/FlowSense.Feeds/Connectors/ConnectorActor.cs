using FlowSense.Actors;

namespace FlowSense.Feeds.Connectors;

/// <summary>
/// Hosts one venue connection as an actor. When the connection is lost the actor fails with the
/// <see cref="ConnectionLostException"/>, so its supervisor decides what happens next: under a backoff supervisor it is
/// restarted with growing delays, and each restart opens a new connection that resynchronizes every book.
/// Ask it <see cref="GetConnectorStatus"/> for the <see cref="ConnectorStatus"/>, which outlives restarts.
/// </summary>
public sealed class ConnectorActor : ReceiveActor
{
    private readonly Func<CancellationToken, Task> _run;
    private readonly ConnectorStatus _status;
    private CancellationTokenSource? _stop;

    public ConnectorActor(WebSocketConnector connector)
        : this(connector.RunAsync, connector.Status)
    {
    }

    /// <param name="run">Runs one connection until it ends by throwing.</param>
    /// <param name="status">The status to report.</param>
    public ConnectorActor(Func<CancellationToken, Task> run, ConnectorStatus status)
    {
        _run = run;
        _status = status;
        Receive<ConnectionEnded>(ended => throw ended.Error);
        Receive<GetConnectorStatus>(_ => Sender.Tell(_status, Self));
    }

    protected override void PreStart()
    {
        _stop = new CancellationTokenSource();
        var self = Self;
        var stop = _stop.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                await _run(stop).ConfigureAwait(false);
                self.Tell(new ConnectionEnded(new ConnectionLostException(_status.Name, "the connection ended")), null);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped on purpose: nothing to report.
            }
            catch (Exception error)
            {
                self.Tell(new ConnectionEnded(error), null);
            }
        }, CancellationToken.None);
    }

    protected override void PostStop()
    {
        _stop?.Cancel();
        _stop?.Dispose();
    }

    private sealed record ConnectionEnded(Exception Error);
}

/// <summary>Asks a <see cref="ConnectorActor"/> for its <see cref="ConnectorStatus"/>.</summary>
public sealed class GetConnectorStatus
{
    public static GetConnectorStatus Instance { get; } = new();

    private GetConnectorStatus() { }
}
