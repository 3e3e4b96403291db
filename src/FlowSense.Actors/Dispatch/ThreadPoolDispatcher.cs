namespace FlowSense.Actors;

/// <summary>
/// Runs actors on the .NET thread pool. The cell itself is the work item, queued to the current worker's local
/// queue, so a Tell that wakes an actor allocates nothing and usually stays on a warm core.
/// </summary>
public sealed class ThreadPoolDispatcher(int throughput) : MessageDispatcher(throughput)
{
    internal override void Schedule(ActorCell cell) => ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal: true);
}
