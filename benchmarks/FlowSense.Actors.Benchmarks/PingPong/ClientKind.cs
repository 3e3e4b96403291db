namespace FlowSense.Actors.Benchmarks.PingPong;

/// <summary>Which actor base the clients are written on (Akka's PingPong compares the same two).</summary>
internal enum ClientKind
{
    /// <summary><see cref="ActorBaseClient"/>: a type switch in <c>Receive(object)</c>.</summary>
    ActorBase,

    /// <summary><see cref="ReceiveActorClient"/>: typed <c>Receive&lt;T&gt;</c> handlers.</summary>
    ReceiveActor,
}
