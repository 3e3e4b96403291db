using System.Collections;
using System.Text;

namespace FlowSense.Actors.Configuration;

/// <summary>A resolved array.</summary>
public sealed class HoconArray : HoconValue, IReadOnlyList<HoconValue>
{
    private readonly HoconValue[] _elements;

    /// <summary>Creates an array of <paramref name="elements"/>, written at <paramref name="position"/>.</summary>
    public HoconArray(IEnumerable<HoconValue> elements, SourcePosition position)
        : base(position)
    {
        ArgumentNullException.ThrowIfNull(elements);
        _elements = [.. elements];
    }

    /// <inheritdoc />
    public override HoconValueType Type => HoconValueType.Array;

    /// <inheritdoc />
    public int Count => _elements.Length;

    /// <inheritdoc />
    public HoconValue this[int index] => _elements[index];

    /// <inheritdoc />
    public IEnumerator<HoconValue> GetEnumerator() => ((IEnumerable<HoconValue>)_elements).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal override void WriteJson(StringBuilder text) =>
        WriteJoined(text, '[', _elements, ']', element => element.WriteJson(text));
}
