namespace FlowSense.Actors;

/// <summary>A message handler installed with <see cref="IActorContext.Become"/>.</summary>
/// <returns>True when the message was handled; false sends it to <see cref="ActorBase.Unhandled"/>.</returns>
public delegate bool Behavior(object message);
