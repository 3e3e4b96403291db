using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Instruments;

/// <summary>The checkpoint encoding of an <see cref="InstrumentId"/> (venue, then symbol), for state kept per instrument.</summary>
internal static class InstrumentCheckpoint
{
    public static void Write(ref CheckpointWriter writer, InstrumentId instrument)
    {
        writer.WriteString(instrument.Venue);
        writer.WriteString(instrument.Symbol);
    }

    public static InstrumentId Read(ref CheckpointReader reader) => new(reader.ReadString(), reader.ReadString());

    /// <summary>Reads an instrument that must be <paramref name="expected"/> (a book restored into another instrument's book is a wiring bug).</summary>
    public static void ReadExpected(ref CheckpointReader reader, InstrumentId expected)
    {
        bool venueMatches = reader.ReadStringEquals(expected.Venue, out string? venue);
        bool symbolMatches = reader.ReadStringEquals(expected.Symbol, out string? symbol);
        if (!venueMatches || !symbolMatches)
        {
            var stored = new InstrumentId(venue ?? expected.Venue, symbol ?? expected.Symbol);
            throw reader.Corrupt($"the checkpoint is of {stored}, the instance restored into is of {expected}");
        }
    }

    /// <summary>Instruments in a fixed order (ordinal venue, then symbol), so per-instrument state checkpoints identically on every run.</summary>
    public static InstrumentId[] Sorted(IEnumerable<InstrumentId> instruments)
    {
        InstrumentId[] sorted = [.. instruments];
        Array.Sort(sorted, static (a, b) =>
        {
            int venue = string.CompareOrdinal(a.Venue, b.Venue);
            return venue != 0 ? venue : string.CompareOrdinal(a.Symbol, b.Symbol);
        });
        return sorted;
    }
}
