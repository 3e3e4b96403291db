namespace FlowSense.Actors.Benchmarks.PingPong;

/// <summary>Returns every message to its sender (the same for both client kinds, as in Akka's PingPong).</summary>
internal sealed class Destination : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}
