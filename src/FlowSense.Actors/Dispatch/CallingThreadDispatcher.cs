namespace FlowSense.Actors;

/// <summary>
/// Runs an actor's turn on the thread that sent it a message, before Tell returns. For unit tests that read an
/// actor's state synchronously (the TestKit's TestActorRef); never for production actors.
/// </summary>
public sealed class CallingThreadDispatcher() : MessageDispatcher(int.MaxValue)
{
    internal override void Schedule(ActorCell cell) => cell.RunTurn();
}
