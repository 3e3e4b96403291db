namespace FlowSense.Actors;

/// <summary>Implemented by the temporary sender of an Ask, so that a dead-lettered question fails the Ask at once.</summary>
internal interface IAskPromise
{
    void Undelivered(IActorRef recipient, DeadLetterReason reason);
}

/// <summary>
/// The temporary reference an Ask sends its question from: the first reply completes the task, a
/// <see cref="Status.Failure"/> faults it, and a timer on the system's clock times it out.
/// </summary>
internal sealed class PromiseActorRef<T> : IActorRef, IAskPromise
{
    private static long s_next;

    private readonly TaskCompletionSource<T> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IActorRef _target;
    private readonly long _id = Interlocked.Increment(ref s_next);
    private readonly ITimer _timer;
    private readonly CancellationTokenRegistration _cancellation;
    private ActorPath? _path;

    public PromiseActorRef(IActorRef target, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        _target = target;
        _timer = time.CreateTimer(static state => ((PromiseActorRef<T>)state!).TimedOut(), this, timeout, System.Threading.Timeout.InfiniteTimeSpan);
        Timeout = timeout;
        if (cancellationToken.CanBeCanceled)
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((PromiseActorRef<T>)state!).Cancelled(token), this);
    }

    public ActorPath Path => _path ??= ActorPath.Root.Child("temp").Child("$ask" + _id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public TimeSpan Timeout { get; }

    public Task<T> Task => _reply.Task;

    public void Tell(object message, IActorRef? sender)
    {
        switch (message)
        {
            case Status.Failure failure:
                Finish(() => _reply.TrySetException(failure.Cause));
                break;
            case T value:
                Finish(() => _reply.TrySetResult(value));
                break;
            case Status.Success { Value: T value }:
                Finish(() => _reply.TrySetResult(value));
                break;
            default:
                Finish(() => _reply.TrySetException(new InvalidCastException(
                    $"Ask to {_target.Path} expected a {typeof(T).Name} reply but received a {message.GetType().Name}.")));
                break;
        }
    }

    public ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken = default)
    {
        Tell(message, sender);
        return ValueTask.CompletedTask;
    }

    public void Undelivered(IActorRef recipient, DeadLetterReason reason) =>
        Finish(() => _reply.TrySetException(new AskDeliveryFailedException(recipient, reason)));

    public void Fail(Exception exception) => Finish(() => _reply.TrySetException(exception));

    public override string ToString() => $"Ask[{_target.Path}]";

    private void TimedOut() => Finish(() => _reply.TrySetException(new AskTimeoutException(_target, Timeout)));

    private void Cancelled(CancellationToken token) => Finish(() => _reply.TrySetCanceled(token));

    private void Finish(Action complete)
    {
        if (_reply.Task.IsCompleted)
            return;
        complete();
        _timer.Dispose();
        _cancellation.Dispose();
    }
}
