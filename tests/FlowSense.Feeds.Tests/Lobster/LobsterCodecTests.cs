using System.Text;
using FlowSense.Feeds.Lobster;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Feeds.Tests.Lobster;

public class LobsterCodecTests
{
    private static readonly LobsterSession Session = LobsterSample.Session;

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void The_first_sample_message_decodes_field_by_field()
    {
        LobsterMessage first = LobsterSample.Messages[0];
        Assert.Equal(new LobsterMessage(1, 34_200_004_241_176, LobsterMessageType.Submission, 16113575, 18, 5853300, Side.Bid), first);
        Assert.Equal(Side.Ask, LobsterSample.Messages[3].Direction);
    }

    [Fact]
    public void Times_become_unix_nanoseconds_in_us_eastern_time()
    {
        // 2012-06-21 is in daylight-saving time: 09:30 EDT is 13:30 UTC.
        long expected = (new DateTimeOffset(2012, 6, 21, 13, 30, 0, TimeSpan.Zero).UtcTicks - DateTime.UnixEpoch.Ticks) * 100 + 4_241_176;
        Assert.Equal(expected, Session.Header(LobsterSample.Messages[0]).ExchangeTimeNs);
        Assert.Equal(1, Session.Header(LobsterSample.Messages[0]).Sequence);
    }

    [Theory]
    [InlineData("34200.1,1,5,100,1000000,1", 34_200_100_000_000)]
    [InlineData("34200,1,5,100,1000000,1", 34_200_000_000_000)]
    [InlineData("34200.000000001,1,5,100,1000000,-1\r", 34_200_000_000_001)]
    [InlineData(" 34200.5 , 1 , 5 , 100 , 1000000 , 1 ", 34_200_500_000_000)]
    public void Time_parsing_is_exact(string row, long expectedNs)
    {
        using var reader = new LobsterMessageReader(Text(row));
        Assert.True(reader.TryRead(out LobsterMessage message));
        Assert.Equal(expectedNs, message.TimeNs);
    }

    [Fact]
    public void Malformed_rows_are_skipped_and_reported_with_line_numbers()
    {
        const string file =
            "34200.1,1,5,100,1000000,1\n" +
            "34200.2,9,5,100,1000000,1\n" +   // type 9
            "34200.3,1,5,100\n" +             // 4 columns
            "\n" +                            // empty
            "34200.4,1,x,100,1000000,1\n" +   // id not a number
            "34200.5,1,5,100,1000000,2\n" +   // direction 2
            "34200.1234567891,1,5,100,1,1\n" + // 10 decimals
            "34200.6,7,0,0,5,1\n" +           // halt indicator 5
            "34200.7,3,5,100,1000000,-1";     // good, no final newline
        using var reader = new LobsterMessageReader(Text(file));
        List<LobsterMessage> good = reader.ReadAll();

        Assert.Equal([1L, 9L], good.Select(m => m.LineNumber));
        Assert.Equal(7, reader.Malformed.Count);
        Assert.Equal([2L, 3L, 4L, 5L, 6L, 7L, 8L], reader.Malformed.First.Select(r => r.LineNumber));
        Assert.All(reader.Malformed.First, r => Assert.False(string.IsNullOrEmpty(r.Reason)));
    }

    [Fact]
    public void Visible_executions_are_order_events_and_trades_with_the_opposite_aggressor()
    {
        var execution = new LobsterMessage(7, 0, LobsterMessageType.VisibleExecution, 42, 100, 5_860_000, Side.Ask);
        LobsterEvents events = Session.Map(execution);
        Assert.True(events.HasOrder && events.HasTrade && !events.HasStatus);
        Assert.Equal(OrderAction.Execute, events.Order.Action);
        Assert.Equal((42L, 100L, 5_860_000L), (events.Order.OrderId, events.Order.Size, events.Order.Price));
        Assert.Equal(Aggressor.Buyer, events.Trade.Aggressor); // a sell limit order was hit by a buyer
        Assert.Equal((5_860_000L, 100L, 7L), (events.Trade.Price, events.Trade.Size, events.Trade.Header.Sequence));
    }

    [Fact]
    public void Hidden_executions_and_crosses_are_trades_only_and_halts_are_status_changes()
    {
        LobsterEvents hidden = Session.Map(new LobsterMessage(1, 0, LobsterMessageType.HiddenExecution, 0, 50, 5_850_000, Side.Bid));
        Assert.False(hidden.HasOrder);
        Assert.Equal(Aggressor.Seller, hidden.Trade.Aggressor);

        LobsterEvents cross = Session.Map(new LobsterMessage(2, 0, LobsterMessageType.CrossTrade, -1, 5000, 5_850_000, Side.Bid));
        Assert.Equal((false, true, Aggressor.Unknown), (cross.HasOrder, cross.HasTrade, cross.Trade.Aggressor));

        Assert.Equal(
            [TradingStatus.Halted, TradingStatus.Paused, TradingStatus.Trading],
            new long[] { -1, 0, 1 }.Select(p => Session.Map(new LobsterMessage(3, 0, LobsterMessageType.TradingHalt, 0, 0, p, Side.Bid)).Status.Status));
    }

    [Fact]
    public void The_sample_maps_every_row_to_exactly_the_events_its_type_implies()
    {
        int orders = 0, trades = 0;
        foreach (LobsterMessage message in LobsterSample.Messages)
        {
            LobsterEvents events = Session.Map(message);
            orders += events.HasOrder ? 1 : 0;
            trades += events.HasTrade ? 1 : 0;
        }
        // The sample holds 471 submissions, 369 deletions, 98 visible and 61 hidden executions.
        Assert.Equal(471 + 369 + 98, orders);
        Assert.Equal(98 + 61, trades);
    }

    [Fact]
    public void Orderbook_rows_detect_their_depth_and_drop_dummy_levels()
    {
        const string file =
            "101,5,99,7,9999999999,0,98,3\n" +
            "101,5,-9999999999,0,102,4,-9999999999,0\n" +
            "101,5,99\n";
        using var reader = new LobsterBookReader(Text(file));
        Assert.True(reader.TryRead());
        Assert.Equal(2, reader.Levels);
        Assert.Equal([new Level(101, 5, 0)], reader.Asks.ToArray());
        Assert.Equal([new Level(99, 7, 0), new Level(98, 3, 0)], reader.Bids.ToArray());
        Assert.True(reader.TryRead());
        Assert.Equal(0, reader.Bids.Length);
        Assert.Equal(2, reader.Asks.Length);
        Assert.False(reader.TryRead());
        Assert.Equal(3, Assert.Single(reader.Malformed.First).LineNumber);
    }

    [Fact]
    public void The_sample_orderbook_seeds_a_book_that_reads_back_identically()
    {
        BookRow row = LobsterSample.Rows[0];
        var book = new L3Book(Session.Instrument);
        book.LoadSnapshot(row.Bids, row.Asks);
        Assert.Equal(new Level(5853300, 18, 1), book.BestBid);
        Assert.Equal(new Level(5859400, 200, 1), book.BestAsk);
        Span<Level> asks = stackalloc Level[10];
        Assert.Equal(10, book.TopLevels(Side.Ask, asks));
        Assert.Equal(row.Asks.Select(l => (l.Price, l.Size)), asks.ToArray().Select(l => (l.Price, l.Size)));
    }

    [Theory]
    [InlineData("/data/AAPL_2012-06-21_34200000_57600000_message_10.csv", "AAPL", LobsterFileKind.Message, 10)]
    [InlineData("BRK_A_2012-06-21_34200000_57600000_orderbook_5.csv", "BRK_A", LobsterFileKind.OrderBook, 5)]
    public void File_names_give_ticker_day_window_and_depth(string path, string ticker, LobsterFileKind kind, int levels)
    {
        Assert.True(LobsterFileName.TryParse(path, out LobsterFileName name));
        Assert.Equal(new LobsterFileName(ticker, new DateOnly(2012, 6, 21), 34_200_000, 57_600_000, kind, levels), name);
        Assert.False(LobsterFileName.TryParse("notes_2012.csv", out _));
    }

    [Fact]
    public void Instrument_facts_use_four_price_decimals()
    {
        Instrument facts = Session.InstrumentFacts;
        Assert.Equal(585.33m, facts.PriceToDecimal(LobsterSample.Messages[0].Price));
    }

    [Fact]
    public void Rows_that_leave_the_book_alone_keep_its_sequence_contiguous_and_a_malformed_row_forces_a_resync()
    {
        const string file =
            "34200.1,1,5,100,1000000,1\n" +
            "34200.2,5,0,50,1000100,1\n" +   // hidden execution: a trade only
            "34200.3,7,0,0,-1,1\n" +         // halt
            "34200.4,7,0,0,1,1\n" +          // resume
            "34200.5,2,5,40,1000000,1\n" +   // partial cancel
            "34200.6,3,5,60,1000000,1\n" +   // delete of the rest
            "34200.7,1,6,100,1000200,-1\n" +
            "garbage\n" +                    // line 8 is lost ...
            "34200.9,3,6,100,1000200,-1\n";  // ... so the book sees a gap before line 9
        using var reader = new LobsterMessageReader(new MemoryStream(Encoding.UTF8.GetBytes(file)));
        var book = new L3Book(Session.Instrument);
        var results = new List<ApplyResult>();
        while (reader.TryRead(out LobsterMessage message))
            results.Add(Session.ApplyTo(book, message));

        Assert.Equal(
            [ApplyResult.Applied, ApplyResult.Applied, ApplyResult.Applied, ApplyResult.Applied, ApplyResult.Applied,
             ApplyResult.Applied, ApplyResult.Applied, ApplyResult.AppliedAfterGap],
            results);
        Assert.True(book.ResyncRequired);
        Assert.Equal(9, book.Sequence);
        Assert.Equal(0, book.OrderCount);
        Assert.Equal(8, Assert.Single(reader.Malformed.First).LineNumber);
        Assert.Equal(ApplyResult.Duplicate, Session.ApplyTo(book, new LobsterMessage(3, 0, LobsterMessageType.TradingHalt, 0, 0, 1, Side.Bid)));
    }
}
