namespace FlowSense.Actors.Benchmarks.Ask;

/// <summary>The question of the Ask benchmarks; the echo actor sends it back.</summary>
internal sealed class Question
{
    public static Question Instance { get; } = new();
}

/// <summary>Replies to every message with the message itself.</summary>
internal sealed class Echo : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}
