using FlowSense.Actors.Cluster.Sharding;

namespace FlowSense.Actors.Cluster.Tests.Sharding;

/// <summary>A test entity: counts what it receives, answers <see cref="Count"/> with its count, and throws on <see cref="Boom"/>.</summary>
internal sealed class Counter : ReceiveActor
{
    private int _count;

    public Counter(IActorRef? lifecycle)
    {
        Receive<Boom>(_ => throw new InvalidOperationException("boom"));
        Receive<Count>(_ => Sender.Tell(_count, Self));
        ReceiveAny(_ => _count++);
        if (lifecycle is not null)
            lifecycle.Tell($"started {Self.Path}", Self);
    }

    public sealed record Count(string EntityId) : IEntityMessage;

    public sealed record Boom(string EntityId) : IEntityMessage;
}
