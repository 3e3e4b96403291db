namespace FlowSense.Actors.Benchmarks.SpawnTree;

/// <summary>Grow a subtree of <see cref="Levels"/> levels whose leaves are numbered from <see cref="Number"/> × 10^(levels-1).</summary>
internal sealed record Grow(int Levels, long Number);

/// <summary>
/// One actor of the skynet tree (Akka.NET's SpawnBenchmark shape): an inner node spawns ten children and sums
/// their replies; a leaf replies with its number. Every node replies to its parent and then stops itself.
/// </summary>
internal sealed class TreeNode : UntypedActor
{
    public const int Fanout = 10;

    public static Props Props { get; } = Props.Create<TreeNode>();

    private int _pending = Fanout;
    private long _sum;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Grow { Levels: 1 } leaf:
                Context.Parent.Tell(leaf.Number, Self);
                Context.Stop(Self);
                break;
            case Grow inner:
                long first = inner.Number * Fanout;
                for (int i = 0; i < Fanout; i++)
                    Context.ActorOf(Props).Tell(new Grow(inner.Levels - 1, first + i), Self);
                break;
            case long childSum:
                _sum += childSum;
                if (--_pending == 0)
                {
                    Context.Parent.Tell(_sum, Self);
                    Context.Stop(Self);
                }
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
