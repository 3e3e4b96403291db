using System.Buffers;
using System.Text.RegularExpressions;

namespace FlowSense.Actors.Persistence.Serialization;

/// <summary>
/// Maps event types to manifests and manifests to readers, explicitly: nothing is discovered by reflection, and
/// every stored manifest must have a registered reader.
/// <para>Schema evolution rules:</para>
/// <list type="number">
/// <item>A payload layout never changes under a manifest. Changing a type's layout means a new version:
/// <c>trade.v1</c> becomes <c>trade.v2</c>, with a new serializer that writes v2.</item>
/// <item>The v1 reader stays registered, as an upcaster from the v1 shape to the current type
/// (<see cref="RegisterUpcaster{TOld, TCurrent}"/>), so old journals and snapshots still recover.</item>
/// <item>Only the current version of a type is written; each type has exactly one writer.</item>
/// <item>Renaming a type keeps its manifest; removing a type keeps its reader as long as journals hold it.</item>
/// </list>
/// Register everything at start-up, before the first recovery; the registry is then read-only and thread-safe.
/// </summary>
public sealed partial class EventSerializerRegistry
{
    private readonly Dictionary<Type, Writer> _writers = [];
    private readonly Dictionary<string, Func<ReadOnlySpan<byte>, object>> _readers = new(StringComparer.Ordinal);

    /// <summary>Registers the current version of <typeparamref name="T"/>: it writes new events and reads its own manifest.</summary>
    /// <exception cref="ArgumentException">The manifest is malformed, or the type or manifest is already registered.</exception>
    public EventSerializerRegistry Register<T>(IEventSerializer<T> serializer)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(serializer);
        string manifest = CheckManifest(serializer.Manifest);
        if (_writers.TryGetValue(typeof(T), out Writer? existing))
            throw new ArgumentException($"{typeof(T).Name} already writes '{existing.Manifest}'; a type has one current version.", nameof(serializer));
        AddReader(manifest, payload => serializer.Read(payload));
        _writers.Add(typeof(T), new Writer(manifest, (value, output) => serializer.Write((T)value, output)));
        return this;
    }

    /// <summary>
    /// Registers a reader for an old version: payloads stored under <paramref name="oldVersion"/>'s manifest are
    /// read in their old shape and converted by <paramref name="upcast"/> to the current type.
    /// </summary>
    public EventSerializerRegistry RegisterUpcaster<TOld, TCurrent>(IEventSerializer<TOld> oldVersion, Func<TOld, TCurrent> upcast)
        where TCurrent : notnull
    {
        ArgumentNullException.ThrowIfNull(oldVersion);
        ArgumentNullException.ThrowIfNull(upcast);
        AddReader(CheckManifest(oldVersion.Manifest), payload => upcast(oldVersion.Read(payload)));
        return this;
    }

    /// <summary>The manifest the registry writes for <paramref name="eventType"/>.</summary>
    public string ManifestOf(Type eventType) => WriterOf(eventType).Manifest;

    /// <summary>Appends the payload of <paramref name="value"/> to <paramref name="output"/> and returns its manifest.</summary>
    public string Serialize(object value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(value);
        Writer writer = WriterOf(value.GetType());
        writer.Write(value, output);
        return writer.Manifest;
    }

    /// <summary>Serializes <paramref name="value"/> into a new array.</summary>
    public SerializedEvent Serialize(object value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        string manifest = Serialize(value, buffer);
        return new SerializedEvent(manifest, buffer.WrittenSpan.ToArray());
    }

    /// <summary>Reads a stored payload, upcasting old versions to the current type.</summary>
    /// <exception cref="UnknownManifestException">No reader is registered for <paramref name="manifest"/>.</exception>
    public object Deserialize(string manifest, ReadOnlySpan<byte> payload) =>
        _readers.TryGetValue(manifest, out Func<ReadOnlySpan<byte>, object>? read)
            ? read(payload)
            : throw new UnknownManifestException(manifest, _readers.Keys);

    private Writer WriterOf(Type type) =>
        _writers.TryGetValue(type, out Writer? writer)
            ? writer
            : throw new ArgumentException($"No serializer is registered for {type.FullName}; register one with a versioned manifest.", nameof(type));

    private void AddReader(string manifest, Func<ReadOnlySpan<byte>, object> read)
    {
        if (!_readers.TryAdd(manifest, read))
            throw new ArgumentException($"Manifest '{manifest}' is already registered; each stored version has one reader.", nameof(manifest));
    }

    private static string CheckManifest(string manifest) =>
        manifest is not null && ManifestPattern().IsMatch(manifest)
            ? manifest
            : throw new ArgumentException($"Manifest '{manifest}' must be lower-case 'name.vN', for example 'trade.v2'.", nameof(manifest));

    [GeneratedRegex(@"^[a-z][a-z0-9_\-]*(\.[a-z][a-z0-9_\-]*)*\.v[1-9][0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ManifestPattern();

    private sealed record Writer(string Manifest, Action<object, IBufferWriter<byte>> Write);
}
