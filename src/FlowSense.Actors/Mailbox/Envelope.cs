namespace FlowSense.Actors;

/// <summary>A user message with the actor that sent it, as it travels through a mailbox.</summary>
/// <param name="Message">The message; never null.</param>
/// <param name="Sender">The sender, or null when there is none.</param>
public readonly record struct Envelope(object Message, IActorRef? Sender);
