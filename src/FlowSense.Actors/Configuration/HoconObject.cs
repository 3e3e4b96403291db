using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace FlowSense.Actors.Configuration;

/// <summary>A resolved object: fields in the order they were first defined.</summary>
public sealed class HoconObject : HoconValue, IReadOnlyDictionary<string, HoconValue>
{
    private readonly KeyValuePair<string, HoconValue>[] _fields;
    private readonly Dictionary<string, HoconValue> _byKey;

    /// <summary>Creates an object; a key given twice keeps its last value at its first place.</summary>
    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, SourcePosition position)
        : base(position)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _byKey = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (key, value) in fields)
        {
            if (!_byKey.ContainsKey(key))
            {
                order.Add(key);
            }

            _byKey[key] = value;
        }

        _fields = [.. order.Select(key => new KeyValuePair<string, HoconValue>(key, _byKey[key]))];
    }

    /// <inheritdoc />
    public override HoconValueType Type => HoconValueType.Object;

    /// <inheritdoc />
    public int Count => _fields.Length;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _fields.Select(entry => entry.Key);

    /// <inheritdoc />
    public IEnumerable<HoconValue> Values => _fields.Select(entry => entry.Value);

    /// <inheritdoc />
    public HoconValue this[string key] => _byKey[key];

    /// <inheritdoc />
    public bool ContainsKey(string key) => _byKey.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value) => _byKey.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, HoconValue>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, HoconValue>>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal override void WriteJson(StringBuilder text) =>
        WriteJoined(text, '{', _fields, '}', entry =>
        {
            AppendQuoted(text, entry.Key);
            text.Append(':');
            entry.Value.WriteJson(text);
        });
}
