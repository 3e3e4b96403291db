using FlowSense.Feeds.Lobster;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Lobster;

/// <summary>One orderbook-file row, copied out of the reader.</summary>
internal sealed record BookRow(long LineNumber, Level[] Bids, Level[] Asks);

/// <summary>LOBSTER's free AAPL sample (first 999 messages of 2012-06-21, 10 levels), loaded once.</summary>
internal static class LobsterSample
{
    public const int Levels = 10;
    public const string MessageFile = "AAPL_2012-06-21_34200000_57600000_message_10.csv";
    public const string BookFile = "AAPL_2012-06-21_34200000_57600000_orderbook_10.csv";

    private static readonly Lazy<(List<LobsterMessage> Messages, List<BookRow> Rows)> Data = new(Load);

    public static LobsterSession Session { get; } = new(new InstrumentId("NASDAQ", "AAPL"), new DateOnly(2012, 6, 21));

    public static IReadOnlyList<LobsterMessage> Messages => Data.Value.Messages;

    public static IReadOnlyList<BookRow> Rows => Data.Value.Rows;

    public static string Path(string file) => SharedData.File("lobster", file);

    private static (List<LobsterMessage>, List<BookRow>) Load()
    {
        using var messages = LobsterMessageReader.Open(Path(MessageFile));
        List<LobsterMessage> all = messages.ReadAll();
        Assert.Equal(0, messages.Malformed.Count);

        using var books = LobsterBookReader.Open(Path(BookFile));
        var rows = new List<BookRow>();
        while (books.TryRead())
            rows.Add(new BookRow(books.LineNumber, books.Bids.ToArray(), books.Asks.ToArray()));
        Assert.Equal(0, books.Malformed.Count);
        Assert.Equal(Levels, books.Levels);
        return (all, rows);
    }
}
