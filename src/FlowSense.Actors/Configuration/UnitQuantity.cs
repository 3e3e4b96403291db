using System.Globalization;

namespace FlowSense.Actors.Configuration;

/// <summary>
/// The spec's units format: optional whitespace, a number, optional whitespace, an optional unit made of
/// letters, optional whitespace (<c>5s</c>, <c>500 ms</c>, <c>4 KiB</c>).
/// </summary>
internal static class UnitQuantity
{
    /// <summary>Splits <paramref name="text"/> into a number and a unit (empty when there is none).</summary>
    public static bool TryParse(string text, out decimal number, out string unit)
    {
        number = 0;
        unit = "";
        var start = 0;
        while (start < text.Length && HoconTokenizer.IsWhitespace(text[start]))
        {
            start++;
        }

        var length = JsonNumber.PrefixLength(text, start);
        if (length == 0 || !decimal.TryParse(text.AsSpan(start, length), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        var rest = text.AsSpan(start + length).Trim();
        foreach (var c in rest)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        unit = rest.ToString();
        return true;
    }

    /// <summary><paramref name="number"/> × <paramref name="factor"/> as a whole number, or false if it has a fraction or overflows.</summary>
    public static bool TryScaleToWhole(decimal number, decimal factor, out long whole)
    {
        whole = 0;
        decimal product;
        try
        {
            product = number * factor;
        }
        catch (OverflowException)
        {
            return false;
        }

        if (product != decimal.Truncate(product) || product > long.MaxValue || product < long.MinValue)
        {
            return false;
        }

        whole = (long)product;
        return true;
    }
}
