namespace FlowSense.Actors.Configuration;

/// <summary>
/// Reads sizes in bytes in the HOCON units format. Per the spec: <c>B</c>/<c>b</c>/<c>byte(s)</c> are bytes;
/// <c>kB</c>, <c>MB</c>, <c>GB</c>... (and <c>kilobyte(s)</c>...) are powers of 1000; <c>K</c>/<c>k</c>/<c>Ki</c>/<c>KiB</c>,
/// <c>M</c>/<c>m</c>/<c>Mi</c>/<c>MiB</c>... (and <c>kibibyte(s)</c>...) are powers of 1024. A number without a unit is in bytes.
/// </summary>
public static class HoconByteSize
{
    private static readonly Dictionary<string, decimal> BytesPerUnit = BuildUnits();

    /// <summary>
    /// Parses <paramref name="text"/>. With <paramref name="requireUnit"/>, a bare number is refused. Fails for
    /// fractional byte counts and for sizes that do not fit in a <see cref="long"/>.
    /// </summary>
    public static bool TryParse(string text, bool requireUnit, out long bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = 0;
        if (!UnitQuantity.TryParse(text, out var number, out var unit) || (requireUnit && unit.Length == 0))
        {
            return false;
        }

        var perUnit = 1m;
        return (unit.Length == 0 || BytesPerUnit.TryGetValue(unit, out perUnit))
            && UnitQuantity.TryScaleToWhole(number, perUnit, out bytes);
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["B"] = 1, ["b"] = 1, ["byte"] = 1, ["bytes"] = 1,
        };
        (string Symbol, string Decimal, string Binary)[] prefixes =
        [
            ("K", "kilo", "kibi"), ("M", "mega", "mebi"), ("G", "giga", "gibi"), ("T", "tera", "tebi"),
            ("P", "peta", "pebi"), ("E", "exa", "exbi"), ("Z", "zetta", "zebi"), ("Y", "yotta", "yobi"),
        ];
        decimal powerOf1000 = 1;
        decimal powerOf1024 = 1;
        foreach (var (symbol, decimalName, binaryName) in prefixes)
        {
            powerOf1000 *= 1000;
            powerOf1024 *= 1024;

            // The spec spells the kilo symbol in lowercase ("kB") and the others in uppercase ("MB").
            var decimalSymbol = symbol == "K" ? "kB" : symbol + "B";
            foreach (var name in new[] { decimalSymbol, decimalName + "byte", decimalName + "bytes" })
            {
                units.Add(name, powerOf1000);
            }

            foreach (var name in new[] { symbol, symbol.ToLowerInvariant(), symbol + "i", symbol + "iB", binaryName + "byte", binaryName + "bytes" })
            {
                units.Add(name, powerOf1024);
            }
        }

        return units;
    }
}
