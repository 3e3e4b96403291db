namespace FlowSense.Actors;

/// <summary>Akka's <c>GracefulStop</c>: stop an actor and learn when it has stopped, without an actor to watch it.</summary>
public static class GracefulStopExtensions
{
    /// <summary>
    /// Sends <paramref name="stopMessage"/> (a <see cref="PoisonPill"/> when null, so the actor first handles what its
    /// mailbox already holds) and completes with true once the actor and all its children have stopped, or with false
    /// when <paramref name="timeout"/> passes first; the actor then goes on stopping.
    /// </summary>
    public static async Task<bool> GracefulStop(this IActorRef actor, TimeSpan timeout, object? stopMessage = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not LocalActorRef local)
            throw new NotSupportedException($"Only actors of this system can be stopped gracefully, not {actor}.");
        Task terminated = local.Cell.WhenTerminated; // before the message: a stop in between is not missed
        actor.Tell(stopMessage ?? PoisonPill.Instance, ActorRefs.NoSender);
        try
        {
            await terminated.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
