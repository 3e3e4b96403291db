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
                FailWith(failure.Cause);
                break;
            case T value:
                Succeed(value);
                break;
            case Status.Success { Value: T value }:
                Succeed(value);
                break;
            default:
                FailWith(new InvalidCastException(
                    $"Ask to {_target.Path} expected a {typeof(T).Name} reply but received a {message.GetType().Name}."));
                break;
        }
    }

    public ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken = default)
    {
        Tell(message, sender);
        return ValueTask.CompletedTask;
    }

    public void Undelivered(IActorRef recipient, DeadLetterReason reason) =>
        FailWith(new AskDeliveryFailedException(recipient, reason));

    public void Fail(Exception exception) => FailWith(exception);

    public override string ToString() => $"Ask[{_target.Path}]";

    private void TimedOut()
    {
        if (!_reply.Task.IsCompleted) // the exception is built only if it can still matter
            FailWith(new AskTimeoutException(_target, Timeout));
    }

    private void Cancelled(CancellationToken token)
    {
        if (_reply.TrySetCanceled(token))
            Release();
    }

    private void Succeed(T value)
    {
        if (_reply.TrySetResult(value))
            Release();
    }

    private void FailWith(Exception exception)
    {
        if (_reply.TrySetException(exception))
            Release();
    }

    /// <summary>Frees the timer and the cancellation registration; called once, by whichever outcome completed the task.</summary>
    /// <remarks>Each outcome calls TrySetX directly rather than through a shared callback, so a reply allocates no closure.</remarks>
    private void Release()
    {
        _timer.Dispose();
        _cancellation.Dispose();
    }
}
