namespace FlowSense.Actors.Benchmarks.PingPong;

/// <summary>The client written with typed handlers (<see cref="ReceiveActor"/>); same protocol as <see cref="ActorBaseClient"/>.</summary>
internal sealed class ReceiveActorClient : ReceiveActor
{
    public ReceiveActorClient(IActorRef destination, long repeat, TaskCompletionSource done)
    {
        long sent = 0;
        long received = 0;
        Receive<Ball>(ball =>
        {
            received++;
            if (sent < repeat)
            {
                destination.Tell(ball, Self);
                sent++;
            }
            else if (received >= repeat)
            {
                done.TrySetResult();
            }
        });
        Receive<Serve>(_ =>
        {
            var ball = new Ball();
            for (long i = 0; i < Math.Min(PingPongRun.InFlight, repeat); i++)
            {
                destination.Tell(ball, Self);
                sent++;
            }
        });
        Receive<Started>(started => Sender.Tell(started, Self));
    }
}
