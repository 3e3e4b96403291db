using System.Globalization;
using System.Text;

namespace FlowSense.Actors.Cluster.Sharding;

/// <summary>
/// Turns an entity id into a valid actor name and back. Actor names may not contain '/' or whitespace or start with
/// '$'; such characters (and '%', the escape itself) become <c>%XX</c> per UTF-8 byte, as in a URI. Every other id is
/// its own name, so <c>/user/shards/17/NASDAQ:AAPL</c> reads as it should and <c>KRAKEN:XBT/USD</c> becomes
/// <c>KRAKEN:XBT%2FUSD</c>.
/// </summary>
public static class EntityName
{
    /// <summary>The actor name of <paramref name="entityId"/>.</summary>
    public static string Escape(string entityId)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        if (!NeedsEscape(entityId))
            return entityId;
        var text = new StringBuilder(entityId.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        int index = 0;
        foreach (Rune rune in entityId.EnumerateRunes())
        {
            if (IsReserved(rune, index == 0))
            {
                int length = rune.EncodeToUtf8(utf8);
                for (int i = 0; i < length; i++)
                    text.Append('%').Append(utf8[i].ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(rune.ToString());
            }
            index += rune.Utf16SequenceLength;
        }
        return text.ToString();
    }

    /// <summary>The entity id an <see cref="Escape"/>d name stands for.</summary>
    public static string Unescape(string actorName)
    {
        ArgumentException.ThrowIfNullOrEmpty(actorName);
        return actorName.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(actorName) : actorName;
    }

    private static bool NeedsEscape(string id)
    {
        if (id[0] == '$')
            return true;
        foreach (char c in id)
        {
            if (c is '/' or '%' || char.IsWhiteSpace(c) || char.IsControl(c))
                return true;
        }
        return false;
    }

    private static bool IsReserved(Rune rune, bool first) =>
        (first && rune.Value == '$') || rune.Value is '/' or '%' || Rune.IsWhiteSpace(rune) || Rune.IsControl(rune);
}
