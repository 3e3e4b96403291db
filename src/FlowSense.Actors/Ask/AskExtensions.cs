namespace FlowSense.Actors;

/// <summary>Request-reply on top of Tell.</summary>
public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> from a temporary sender and waits for the first reply, which must be a
    /// <typeparamref name="T"/> (a <see cref="Status.Failure"/> reply throws its cause).
    /// </summary>
    /// <param name="target">The actor to ask (of this process).</param>
    /// <param name="message">The question.</param>
    /// <param name="timeout">How long to wait; null for the system's <c>ask-timeout</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="AskTimeoutException">No reply within the timeout.</exception>
    /// <exception cref="AskDeliveryFailedException">The target had stopped or dropped the question (fails at once).</exception>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        ActorSystem system = (target as LocalActorRef)?.Cell.System
            ?? ActorCell.Current?.System
            ?? throw new ArgumentException($"Cannot ask {target}: it does not belong to an actor system of this process.", nameof(target));

        var promise = new PromiseActorRef<T>(target, timeout ?? system.Options.AskTimeout, system.TimeProvider, cancellationToken);
        try
        {
            target.Tell(message, promise);
        }
        catch (MailboxFullException ex)
        {
            promise.Fail(ex);
        }
        return promise.Task;
    }

    /// <summary>Ask with any reply type.</summary>
    public static Task<object> Ask(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        target.Ask<object>(message, timeout, cancellationToken);
}
