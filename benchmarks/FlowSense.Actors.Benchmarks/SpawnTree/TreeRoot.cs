namespace FlowSense.Actors.Benchmarks.SpawnTree;

/// <summary>
/// Starts one tree, reports its sum, and reports when the whole tree has stopped (a node stops only after its
/// children have, so the top node's <see cref="Terminated"/> means every actor of the tree is gone).
/// </summary>
internal sealed class TreeRoot(int levels, TaskCompletionSource<long> sum, TaskCompletionSource stopped) : UntypedActor
{
    protected override void PreStart()
    {
        IActorRef top = Context.ActorOf(TreeNode.Props);
        Context.Watch(top);
        top.Tell(new Grow(levels, 0), Self);
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case long total:
                sum.TrySetResult(total);
                break;
            case Terminated:
                stopped.TrySetResult();
                Context.Stop(Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
