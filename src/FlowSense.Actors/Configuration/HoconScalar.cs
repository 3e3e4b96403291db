using System.Text;

namespace FlowSense.Actors.Configuration;

/// <summary>
/// A string, number, boolean or null. <see cref="Text"/> is the value as text: the string itself, the number
/// exactly as written (<c>1e5</c> stays <c>1e5</c>), <c>true</c>/<c>false</c>, or <c>null</c>.
/// </summary>
public sealed class HoconScalar : HoconValue
{
    private HoconScalar(HoconValueType type, string text, SourcePosition position)
        : base(position)
    {
        Type = type;
        Text = text;
    }

    /// <inheritdoc />
    public override HoconValueType Type { get; }

    /// <summary>The value as text (see the type's summary).</summary>
    public string Text { get; }

    /// <summary>A string value.</summary>
    public static HoconScalar String(string text, SourcePosition position) => new(HoconValueType.String, text, position);

    /// <summary>A number, kept as written.</summary>
    public static HoconScalar Number(string text, SourcePosition position) => new(HoconValueType.Number, text, position);

    /// <summary>A boolean.</summary>
    public static HoconScalar Boolean(bool value, SourcePosition position) =>
        new(HoconValueType.Boolean, value ? "true" : "false", position);

    /// <summary>An explicit null.</summary>
    public static HoconScalar Null(SourcePosition position) => new(HoconValueType.Null, "null", position);

    internal override void WriteJson(StringBuilder text)
    {
        if (Type == HoconValueType.String)
        {
            AppendQuoted(text, Text);
        }
        else
        {
            text.Append(Text);
        }
    }
}
