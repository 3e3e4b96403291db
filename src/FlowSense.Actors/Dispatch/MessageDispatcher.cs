namespace FlowSense.Actors;

/// <summary>Decides on which thread an actor's turn runs and how many messages a turn may handle.</summary>
public abstract class MessageDispatcher
{
    /// <summary>Creates a dispatcher.</summary>
    /// <param name="throughput">Messages per actor turn before the thread is handed to another actor.</param>
    protected MessageDispatcher(int throughput)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throughput, 1);
        Throughput = throughput;
    }

    /// <summary>Messages per actor turn.</summary>
    public int Throughput { get; }

    /// <summary>Called once when an actor starts on this dispatcher.</summary>
    internal virtual void Attach(ActorCell cell)
    {
    }

    /// <summary>Called once when an actor has stopped.</summary>
    internal virtual void Detach(ActorCell cell)
    {
    }

    /// <summary>
    /// Runs <paramref name="work"/> soon on one of this dispatcher's threads, like Akka's dispatchers, which are
    /// execution contexts too: for work that should share the actors' threads rather than compete with them for cores.
    /// On this base class, the thread pool.
    /// </summary>
    public virtual void Execute(IThreadPoolWorkItem work) => ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);

    /// <summary>Runs one turn of <paramref name="cell"/> soon. Called at most once until that turn ends.</summary>
    internal abstract void Schedule(ActorCell cell);
}
