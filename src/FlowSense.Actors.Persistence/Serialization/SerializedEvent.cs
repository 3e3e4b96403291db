namespace FlowSense.Actors.Persistence.Serialization;

/// <summary>A serialized event or snapshot: the manifest that reads it and its bytes.</summary>
public readonly record struct SerializedEvent(string Manifest, byte[] Payload);
