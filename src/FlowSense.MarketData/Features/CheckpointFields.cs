using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features;

/// <summary>Checkpoint encodings of the small feature value types that several calculators hold.</summary>
internal static class CheckpointFields
{
    public static void Write(ref CheckpointWriter writer, in TopOfBook book)
    {
        writer.WriteInt64(book.BidPrice);
        writer.WriteInt64(book.BidSize);
        writer.WriteInt64(book.AskPrice);
        writer.WriteInt64(book.AskSize);
    }

    public static TopOfBook ReadTopOfBook(ref CheckpointReader reader) =>
        new(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64());
}
