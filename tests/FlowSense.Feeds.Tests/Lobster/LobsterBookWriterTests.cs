using FlowSense.Feeds.Lobster;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Feeds.Tests.Lobster;

/// <summary>The writer against LOBSTER's own orderbook file: a book loaded from each row writes that row back byte for byte.</summary>
public class LobsterBookWriterTests
{
    [Fact]
    public void Every_reference_row_is_written_back_exactly()
    {
        string[] expected = File.ReadAllText(LobsterSample.Path(LobsterSample.BookFile)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var book = new L3Book(LobsterSample.Session.Instrument);
        var text = new StringWriter();
        using (var writer = new LobsterBookWriter(text, LobsterSample.Levels))
        {
            foreach (BookRow row in LobsterSample.Rows)
            {
                book.LoadSnapshot(row.Bids, row.Asks);
                writer.Write(book);
            }
            Assert.Equal(999, writer.Rows);
        }
        Assert.Equal(expected, text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Empty_levels_get_LOBSTERs_dummy_prices_and_read_back_as_empty()
    {
        var text = new StringWriter();
        using (var writer = new LobsterBookWriter(text, 2))
            writer.Write([new Level(5853300, 18, 1)], []);
        Assert.Equal("9999999999,0,5853300,18,9999999999,0,-9999999999,0\n", text.ToString());

        using var reader = new LobsterBookReader(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text.ToString())));
        Assert.True(reader.TryRead());
        Assert.Equal(2, reader.Levels);
        Assert.Equal([new Level(5853300, 18, 0)], reader.Bids.ToArray());
        Assert.True(reader.Asks.IsEmpty);
    }

    [Fact]
    public void Tally_counts_every_determined_level_of_the_sample_and_all_match()
    {
        var book = new L3Book(LobsterSample.Session.Instrument);
        var total = new LevelTally();
        for (int k = 1; k < LobsterSample.Messages.Count; k++)
        {
            BookRow before = LobsterSample.Rows[k - 1], after = LobsterSample.Rows[k];
            book.LoadSnapshot(before.Bids, before.Asks, sequence: before.LineNumber);
            if (LobsterSample.Session.TryMapOrder(LobsterSample.Messages[k], out OrderEvent order))
                book.Apply(order);
            total += DeterminedLevels.Tally(Side.Bid, after.Bids, book, DeterminedLevels.BoundaryOf(before.Bids, LobsterSample.Levels), LobsterSample.Levels);
            total += DeterminedLevels.Tally(Side.Ask, after.Asks, book, DeterminedLevels.BoundaryOf(before.Asks, LobsterSample.Levels), LobsterSample.Levels);
        }
        Assert.Equal(new LevelTally(19_642, 19_642), total);
    }

    [Fact]
    public void Tally_counts_a_wrong_level_as_determined_but_not_matched()
    {
        var book = new L2Book(LobsterSample.Session.Instrument);
        book.LoadSnapshot([new Level(100, 5, 1), new Level(99, 7, 1)], []);
        Level[] truth = [new Level(100, 5, 1), new Level(99, 8, 1)];
        Assert.Equal(new LevelTally(2, 1), DeterminedLevels.Tally(Side.Bid, truth, book, boundary: null, levels: 2));
    }
}
