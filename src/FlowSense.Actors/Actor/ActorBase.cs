using Microsoft.Extensions.Logging;

namespace FlowSense.Actors;

/// <summary>
/// The base of every actor. Derive from <see cref="ReceiveActor"/> (typed handlers) or <see cref="UntypedActor"/>
/// (one <c>OnReceive</c> with a <c>switch</c>), or from this class to return "handled" yourself.
/// </summary>
/// <remarks>Instances are created by the system from <see cref="Props"/>, never with <c>new</c> elsewhere.</remarks>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    /// <summary>Binds the instance to the cell that is constructing it.</summary>
    /// <exception cref="InvalidOperationException">The actor was constructed outside <c>ActorOf</c>.</exception>
    protected ActorBase()
    {
        _cell = ActorCell.Constructing
            ?? throw new InvalidOperationException($"{GetType().Name} must be created by ActorOf(Props), not with new.");
    }

    /// <summary>This actor's view of its runtime.</summary>
    protected IActorContext Context => _cell;

    /// <summary>This actor's reference.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being handled.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>A logger whose category is the actor's class.</summary>
    protected ILogger Logger => _cell.Log;

    /// <summary>
    /// Messages put aside to handle later, bounded by <c>stash-capacity</c>. Stashed messages survive a restart
    /// (they are unstashed into the new instance) and go to dead letters when the actor stops.
    /// </summary>
    protected IStash Stash => _cell.Stash;

    internal ActorCell Cell => _cell;

    // The cell calls the hooks through these, so that subclasses override them as plain "protected".
    internal bool InvokeReceive(object message) => Receive(message);

    internal void InvokeUnhandled(object message) => Unhandled(message);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();

    /// <summary>Handles one message.</summary>
    /// <returns>True when handled; false passes the message to <see cref="Unhandled"/>.</returns>
    protected abstract bool Receive(object message);

    /// <summary>
    /// Called for a message no handler took. An unhandled <see cref="Terminated"/> throws
    /// <see cref="DeathPactException"/> (as in Akka); anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
            throw new DeathPactException(terminated.Actor);
        _cell.PublishUnhandled(message);
    }

    /// <summary>Runs before the first message (and, by default, after a restart).</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs after the actor stopped, and by default on the failed instance before a restart.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance before it is replaced. By default stops all children, then calls <see cref="PostStop"/>.</summary>
    /// <param name="reason">The failure.</param>
    /// <param name="message">The message being handled when it failed, or null.</param>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (IActorRef child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Runs on the new instance after a restart. By default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children. Called once per instance, on the first child failure.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.Default;
}
