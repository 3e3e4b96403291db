using System.Buffers;

namespace FlowSense.Actors.Persistence.Serialization;

/// <summary>
/// Writes and reads one event type in one schema version. The <see cref="Manifest"/> names both (for example
/// <c>trade.v2</c>) and is stored beside every payload, so a reader always knows which layout it holds.
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
public interface IEventSerializer<T>
{
    /// <summary>The stored name of this type and version: lower-case <c>name.vN</c>.</summary>
    string Manifest { get; }

    /// <summary>Appends the payload of <paramref name="value"/> to <paramref name="output"/>.</summary>
    void Write(T value, IBufferWriter<byte> output);

    /// <summary>Reads a payload this serializer (this version) wrote.</summary>
    T Read(ReadOnlySpan<byte> payload);
}
