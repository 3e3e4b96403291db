using System.Text;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Venues;

/// <summary>
/// Maps a symbol as UTF-8 bytes from the wire to its <see cref="InstrumentId"/>, allocating only the first time a
/// symbol is seen: lookups go through a span-keyed alternate lookup, so a steady stream allocates nothing.
/// </summary>
public sealed class InstrumentCache(string venue)
{
    /// <summary>Longest symbol accepted; anything longer is not a symbol but garbage.</summary>
    public const int MaxSymbolLength = 64;

    private readonly Dictionary<string, InstrumentId> _byName = new(StringComparer.Ordinal);

    public string Venue { get; } = venue;

    public int Count => _byName.Count;

    /// <summary>False for an empty, over-long or non-UTF-8 symbol.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8Symbol, out InstrumentId instrument)
    {
        instrument = default;
        if (utf8Symbol.IsEmpty || utf8Symbol.Length > MaxSymbolLength)
            return false;
        Span<char> chars = stackalloc char[MaxSymbolLength];
        if (Encoding.UTF8.GetChars(utf8Symbol, chars) is var length && length == 0)
            return false;
        var lookup = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..length], out instrument))
            return true;
        string symbol = new(chars[..length]);
        instrument = new InstrumentId(Venue, symbol);
        _byName[symbol] = instrument;
        return true;
    }

    public InstrumentId Get(string symbol)
    {
        if (!_byName.TryGetValue(symbol, out var instrument))
            _byName[symbol] = instrument = new InstrumentId(Venue, symbol);
        return instrument;
    }
}
