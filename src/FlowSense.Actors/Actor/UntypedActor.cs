namespace FlowSense.Actors;

/// <summary>An actor with one handler, usually a <c>switch</c> on the message; call <see cref="ActorBase.Unhandled"/> in the default branch.</summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles one message.</summary>
    protected abstract void OnReceive(object message);

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    /// <summary>Handles the next messages with <paramref name="receive"/> (see <see cref="IActorContext.Become"/>).</summary>
    protected void Become(Action<object> receive, bool discardOld = true)
    {
        ArgumentNullException.ThrowIfNull(receive);
        Context.Become(message =>
        {
            receive(message);
            return true;
        }, discardOld);
    }
}
