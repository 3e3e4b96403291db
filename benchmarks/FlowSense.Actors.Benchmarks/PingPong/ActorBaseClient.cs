namespace FlowSense.Actors.Benchmarks.PingPong;

/// <summary>The client written on the plain base: one <c>Receive(object)</c> with a type switch.</summary>
/// <param name="destination">Where the balls go.</param>
/// <param name="repeat">Balls to send and to get back.</param>
/// <param name="done">Completed when every ball has come back.</param>
internal sealed class ActorBaseClient(IActorRef destination, long repeat, TaskCompletionSource done) : ActorBase
{
    private long _sent;
    private long _received;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Ball:
                _received++;
                if (_sent < repeat)
                {
                    destination.Tell(message, Self);
                    _sent++;
                }
                else if (_received >= repeat)
                {
                    done.TrySetResult();
                }
                return true;
            case Serve:
                var ball = new Ball();
                for (long i = 0; i < Math.Min(PingPongRun.InFlight, repeat); i++)
                {
                    destination.Tell(ball, Self);
                    _sent++;
                }
                return true;
            case Started:
                Sender.Tell(message, Self);
                return true;
            default:
                return false;
        }
    }
}
