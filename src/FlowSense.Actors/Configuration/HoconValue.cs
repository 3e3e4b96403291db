using System.Globalization;
using System.Text;

namespace FlowSense.Actors.Configuration;

/// <summary>The JSON types a resolved HOCON value can have.</summary>
public enum HoconValueType
{
    /// <summary>A set of named fields.</summary>
    Object,

    /// <summary>An ordered list of values.</summary>
    Array,

    /// <summary>Text, quoted or unquoted in the file (units such as <c>5s</c> are strings until read as durations).</summary>
    String,

    /// <summary>A JSON number, kept as written.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An explicit <c>null</c>.</summary>
    Null,
}

/// <summary>
/// A fully resolved HOCON value: no substitutions, includes or concatenations are left. Every value remembers
/// where it was written so that errors about it can point there.
/// </summary>
public abstract class HoconValue
{
    private protected HoconValue(SourcePosition position) => Position = position;

    /// <summary>Where the value was written.</summary>
    public SourcePosition Position { get; }

    /// <summary>The value's JSON type.</summary>
    public abstract HoconValueType Type { get; }

    /// <summary>Renders the value as compact JSON (numbers as written, keys in definition order).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        WriteJson(text);
        return text.ToString();
    }

    internal abstract void WriteJson(StringBuilder text);

    /// <summary>Writes <c>open item,item,... close</c>; arrays and objects differ only in brackets and items.</summary>
    private protected static void WriteJoined<T>(StringBuilder text, char open, IReadOnlyList<T> items, char close, Action<T> writeItem)
    {
        text.Append(open);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            writeItem(items[i]);
        }

        text.Append(close);
    }

    internal static void AppendQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }

        text.Append('"');
    }
}
