namespace FlowSense.Actors.Cluster.Sharding;

/// <summary>
/// Answers one <see cref="GetShardRegionState"/>: asks every shard for its state, replies with all the answers (or
/// those that came within the timeout, marked incomplete) and stops. One per query, so queries never block routing.
/// </summary>
internal sealed class ShardStateCollector : ReceiveActor
{
    private readonly IActorRef _replyTo;
    private readonly IActorRef[] _shards;
    private readonly List<ShardState> _answers = [];

    public ShardStateCollector(IActorRef replyTo, IActorRef[] shards, TimeSpan timeout)
    {
        _replyTo = replyTo;
        _shards = shards;
        Receive<ShardState>(state =>
        {
            _answers.Add(state);
            if (_answers.Count == _shards.Length)
                Finish(complete: true);
        });
        Receive<ReceiveTimeout>(_ => Finish(complete: false));
        Context.SetReceiveTimeout(timeout);
    }

    public static Props Props(IActorRef replyTo, IActorRef[] shards, TimeSpan timeout) =>
        Actors.Props.Create(() => new ShardStateCollector(replyTo, shards, timeout));

    protected override void PreStart()
    {
        if (_shards.Length == 0)
        {
            Finish(complete: true);
            return;
        }
        foreach (IActorRef shard in _shards)
            shard.Tell(GetShardState.Instance, Self);
    }

    private void Finish(bool complete)
    {
        _answers.Sort((a, b) => a.Shard.CompareTo(b.Shard));
        _replyTo.Tell(new ShardRegionState([.. _answers], complete), Self);
        Context.SetReceiveTimeout(null);
        Context.Stop(Self);
    }
}
