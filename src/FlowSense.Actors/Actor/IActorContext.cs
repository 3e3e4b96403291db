using Microsoft.Extensions.Logging;

namespace FlowSense.Actors;

/// <summary>What an actor sees of its own runtime. Use it only from inside the actor (its handlers and hooks).</summary>
public interface IActorContext
{
    /// <summary>This actor's reference.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being handled; <see cref="ActorRefs.NoSender"/> when there is none.</summary>
    IActorRef Sender { get; }

    /// <summary>The supervising parent.</summary>
    IActorRef Parent { get; }

    /// <summary>The live children.</summary>
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>The system this actor belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>A logger whose category is the actor's class.</summary>
    ILogger Log { get; }

    /// <summary>The receive timeout set by <see cref="SetReceiveTimeout"/>, or null.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>The child called <paramref name="name"/>, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Starts a child. A null name gets a generated one (<c>$1</c>, <c>$2</c>…).</summary>
    /// <exception cref="InvalidActorNameException">The name is taken or malformed.</exception>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops this actor or one of its children (asynchronously: PostStop runs on the actor's turn).</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Stops watching; a <see cref="Terminated"/> not yet handled is not delivered.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Handles the next messages with <paramref name="behavior"/>.</summary>
    /// <param name="behavior">The new behavior.</param>
    /// <param name="discardOld">True replaces the current behavior; false pushes onto a stack that <see cref="Unbecome"/> pops.</param>
    void Become(Behavior behavior, bool discardOld = true);

    /// <summary>Returns to the previous behavior on the stack (the actor's own Receive at the bottom).</summary>
    void Unbecome();

    /// <summary>Sends <see cref="Actors.ReceiveTimeout"/> after this long without a message; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);
}
