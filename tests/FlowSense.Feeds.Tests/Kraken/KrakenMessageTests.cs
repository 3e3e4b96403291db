using FlowSense.Feeds.Kraken;
using FlowSense.Feeds.Tests.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Tests.Kraken;

public class KrakenMessageTests
{
    private static readonly InstrumentId Pair = new(KrakenCodec.Venue, "XBT/USD");

    [Fact]
    public void Updates_beyond_the_subscribed_depth_are_trimmed_and_the_trim_is_published()
    {
        var events = new RecordedEvents();
        var codec = new KrakenCodec(events, new Quarantine.Quarantine());
        codec.Decode("""[1,{"as":[["10.10","1.0","1.0"],["10.20","1.0","1.0"]],"bs":[["9.90","1.0","1.0"],["9.80","1.0","1.0"]]},"book-2","XBT/USD"]"""u8, 0, 1);
        events.Deltas.Clear();
        // A better bid pushes 9.8 out of a depth-2 book; Kraken sends no removal for it.
        codec.Decode("""[1,{"b":[["9.95","2.0","2.0","r"]]},"book-2","XBT/USD"]"""u8, 0, 2);

        var book = codec.Pair(Pair)!.Book;
        Assert.Equal(2, book.Count(Side.Bid));
        Assert.Equal(995, book.BestBid.Price);
        Assert.Equal(0, book.SizeAt(Side.Bid, 980));
        Assert.Equal([(BookAction.Add, 995L, DeltaFlags.None), (BookAction.Delete, 980L, DeltaFlags.LastInBatch)],
            events.Deltas.Select(d => (d.Action, d.Price, d.Flags)));
        Assert.Equal(1, codec.Kraken.Republished);

        // A price finer than the pair's precision (2 decimals here) cannot be stored exactly: refused, book unchanged.
        Assert.Equal(Feeds.Venues.DecodeResult.Rejected, codec.Decode("""[1,{"b":[["9.951","2.0","3.0"]]},"book-2","XBT/USD"]"""u8, 0, 3));
        Assert.Equal(1, codec.Stats.RejectedFor(Feeds.Venues.RejectReason.PrecisionLoss));
        Assert.Equal(995, book.BestBid.Price);
    }

    [Fact]
    public void Trades_carry_the_taker_side_and_their_own_time()
    {
        var events = new RecordedEvents();
        var codec = new KrakenCodec(events, new Quarantine.Quarantine());
        codec.Decode("""[2,[["5541.20000","0.15850568","1534614057.321597","s","l",""],["6060.00000","0.02455000","1534614057.324998","b","l",""]],"trade","XBT/USD"]"""u8, 7, 1);
        Assert.Equal([(554120000L, 15850568L, Aggressor.Seller, 1534614057_321597000L), (606000000L, 2455000L, Aggressor.Buyer, 1534614057_324998000L)],
            events.Trades.Select(t => (t.Price, t.Size, t.Aggressor, t.Header.ExchangeTimeNs)));
    }

    [Fact]
    public void Heartbeats_and_subscription_status_are_ignored()
    {
        var codec = new KrakenCodec(new CountingSink(), new Quarantine.Quarantine());
        Assert.Equal(Feeds.Venues.DecodeResult.Ignored, codec.Decode("""{"event":"heartbeat"}"""u8, 0, 1));
        Assert.Equal(Feeds.Venues.DecodeResult.Rejected, codec.Decode("""{"foo":1}"""u8, 0, 2));
    }
}
