using FlowSense.Feeds.Coinbase;
using FlowSense.Feeds.Tests.Venues;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Tests.Coinbase;

public class CoinbaseMessageTests
{
    [Fact]
    public void A_match_with_a_sell_maker_was_taken_by_a_buyer()
    {
        var events = new RecordedEvents();
        var codec = new CoinbaseCodec(events, new Quarantine.Quarantine());
        codec.Decode("""{"type":"match","trade_id":280232,"side":"sell","size":"985","price":"0.00001305","product_id":"SKL-BTC","sequence":177100030,"time":"2021-04-17T16:43:37.089723Z"}"""u8, 3, 1);
        var t = Assert.Single(events.Trades);
        Assert.Equal((1305L, 98_500_000_000L, Aggressor.Buyer, 177100030L, 1618677817_089723000L),
            (t.Price, t.Size, t.Aggressor, t.Header.Sequence, t.Header.ExchangeTimeNs));
    }

    [Fact]
    public void Updates_before_a_snapshot_are_dropped_and_a_resync_is_asked_once()
    {
        var codec = new CoinbaseCodec(new CountingSink(), new Quarantine.Quarantine());
        int asked = 0;
        codec.ResyncRequested += _ => asked++;
        codec.Decode("""{"type":"l2update","product_id":"X-Y","changes":[["buy","1.0","2"]],"time":"2021-04-17T16:43:37Z"}"""u8, 0, 1);
        codec.Decode("""{"type":"l2update","product_id":"X-Y","changes":[["sell","1.1","2"]],"time":"2021-04-17T16:43:37Z"}"""u8, 0, 2);
        codec.Decode("""{"type":"snapshot","product_id":"X-Y","bids":[["1.0","3"]],"asks":[["1.2","1"]]}"""u8, 0, 3);
        codec.Decode("""{"type":"l2update","product_id":"X-Y","changes":[["sell","1.2","0"],["sell","1.1","2"]],"time":"2021-04-17T16:43:38Z"}"""u8, 0, 4);
        Assert.Equal((2L, 1), (codec.Coinbase.UpdatesWithoutSnapshot, asked));
        var book = codec.Book(new("COINBASE", "X-Y"))!;
        Assert.Equal((110_000_000L, 200_000_000L), (book.BestAsk.Price, book.BestAsk.Size));
        Assert.Equal(1, book.Count(Side.Ask));
    }
}
