using FlowSense.Feeds.Bitstamp;
using FlowSense.Feeds.Tests.Venues;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Tests.Bitstamp;

public class BitstampMessageTests
{
    [Fact]
    public void A_recorded_trade_keeps_its_exact_text_values_and_taker_side()
    {
        var events = new RecordedEvents();
        var codec = new BitstampCodec(events, new Quarantine.Quarantine());
        codec.Decode("""{"data":{"id":216000477,"timestamp":"1641343699","amount":0.0792,"amount_str":"0.07920000","price":3805.44,"price_str":"3805.44","type":0,"microtimestamp":"1641343699596000","buy_order_id":1443875737346049,"sell_order_id":1443875731320832},"channel":"live_trades_ethusd","event":"trade"}"""u8, 1, 1);
        var t = Assert.Single(events.Trades);
        Assert.Equal(("ethusd", 380_544_000_000L, 7_920_000L, Aggressor.Buyer, 1641343699_596000000L),
            (t.Header.Instrument.Symbol, t.Price, t.Size, t.Aggressor, t.Header.ExchangeTimeNs));
    }

    [Fact]
    public void Diffs_at_or_before_the_snapshot_microtimestamp_are_dropped_later_ones_applied()
    {
        var codec = new BitstampCodec(new CountingSink(), new Quarantine.Quarantine());
        codec.Decode("""{"data":{"microtimestamp":"100","bids":[["1.0","5"]],"asks":[]},"channel":"diff_order_book_abc","event":"data"}"""u8, 0, 1);
        codec.Decode("""{"data":{"microtimestamp":"300","bids":[["1.1","6"]],"asks":[]},"channel":"diff_order_book_abc","event":"data"}"""u8, 0, 2);
        codec.ApplySnapshot("abc"u8, """{"timestamp": "0", "microtimestamp": "200", "bids": [["0.9", "1"]], "asks": [["1.5", "1"]]}"""u8, 0, 3);
        var sync = codec.Book(new("BITSTAMP", "abc"))!;
        Assert.False(sync.AwaitingSnapshot);
        Assert.Equal((1L, 1L, 300L), (sync.Stale, sync.Applied, sync.LastMicrotimestamp));
        Assert.Equal(110_000_000L, sync.Book.BestBid.Price);
        Assert.Equal(0, sync.Book.SizeAt(Side.Bid, 100_000_000L));
    }

    [Fact]
    public void A_diff_that_crosses_the_book_asks_for_a_resync()
    {
        var codec = new BitstampCodec(new CountingSink(), new Quarantine.Quarantine());
        int asked = 0;
        codec.ResyncRequested += _ => asked++;
        codec.ApplySnapshot("abc"u8, """{"microtimestamp": "1", "bids": [["1.0", "1"]], "asks": [["1.5", "1"]]}"""u8, 0, 1);
        codec.Decode("""{"data":{"microtimestamp":"2","bids":[["1.6","1"]],"asks":[]},"channel":"diff_order_book_abc","event":"data"}"""u8, 0, 2);
        Assert.Equal(1, asked);
        Assert.True(codec.IsAwaitingSnapshot(new("BITSTAMP", "abc")));
    }
}
