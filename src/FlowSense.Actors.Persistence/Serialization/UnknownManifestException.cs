namespace FlowSense.Actors.Persistence.Serialization;

/// <summary>A stored payload names a manifest no serializer or upcaster is registered for.</summary>
public sealed class UnknownManifestException(string manifest, IEnumerable<string> known)
    : Exception($"No serializer or upcaster is registered for manifest '{manifest}' (known: {string.Join(", ", known.Order(StringComparer.Ordinal))}). " +
                "Register the reader of that version (an upcaster if the type has moved on) before recovering.")
{
    /// <summary>The manifest that was not found.</summary>
    public string Manifest { get; } = manifest;
}
