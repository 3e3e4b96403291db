using System.Runtime.CompilerServices;

namespace FlowSense.Actors;

/// <summary>
/// <c>await</c> it to continue an async method on a <see cref="MessageDispatcher"/>'s threads (see
/// <see cref="MessageDispatcher.Execute"/>): on the lanes, a stream stage then takes its turns beside the actors it
/// feeds, instead of a thread of its own that the operating system would time-slice against them.
/// </summary>
/// <remarks>
/// It always yields, even on one of the dispatcher's threads, so a stage that loops gives the thread back to the actors
/// between two steps. One awaiter at a time; reusable, and allocation-free per await.
/// </remarks>
public sealed class DispatcherSwitch(MessageDispatcher dispatcher) : ICriticalNotifyCompletion, IThreadPoolWorkItem
{
    private readonly MessageDispatcher _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
    private Action? _continuation;

    /// <summary>The awaiter (this object).</summary>
    public DispatcherSwitch GetAwaiter() => this;

    /// <summary>Always false: awaiting always moves to the back of the dispatcher's queue.</summary>
    public bool IsCompleted => false;

    /// <summary>Nothing to return.</summary>
    public void GetResult()
    {
    }

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        if (Interlocked.CompareExchange(ref _continuation, continuation, null) is not null)
            throw new InvalidOperationException("A DispatcherSwitch has one awaiter at a time.");
        _dispatcher.Execute(this);
    }

    void IThreadPoolWorkItem.Execute()
    {
        Action continuation = _continuation!;
        _continuation = null;
        continuation();
    }
}
