using FlowSense.Feeds.Binance;
using FlowSense.Feeds.Tests.Venues;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Tests.Binance;

/// <summary>Field mapping of single recorded messages (BINANCE.ws.1.0) and the documented trade-side convention.</summary>
public class BinanceMessageTests
{
    [Fact]
    public void AggTrade_with_buyer_not_maker_is_a_buyer_initiated_trade()
    {
        var events = new RecordedEvents();
        var codec = new BinanceCodec(events, new Quarantine.Quarantine());
        var result = codec.Decode("""{"stream":"nknusdt@aggTrade","data":{"e":"aggTrade","E":1633998523963,"s":"NKNUSDT","a":15683430,"p":"0.35280000","q":"58.00000000","f":19862790,"l":19862790,"T":1633998523963,"m":false,"M":true}}"""u8, 5, 110);
        Assert.Equal(DecodeResult.Decoded, result);
        var t = Assert.Single(events.Trades);
        Assert.Equal(("NKNUSDT", 35_280_000L, 5_800_000_000L, Aggressor.Buyer, 1633998523963_000_000L, 5L),
            (t.Header.Instrument.Symbol, t.Price, t.Size, t.Aggressor, t.Header.ExchangeTimeNs, t.Header.ReceiveTimeNs));
        codec.Decode("""{"e":"trade","E":1,"s":"NKNUSDT","t":1,"p":"0.3528","q":"1","T":2,"m":true}"""u8, 6, 111);
        Assert.Equal(Aggressor.Seller, events.Trades[1].Aggressor);
    }

    [Fact]
    public void BookTicker_becomes_a_quote_sequenced_by_its_update_id()
    {
        var events = new RecordedEvents();
        var codec = new BinanceCodec(events, new Quarantine.Quarantine());
        codec.Decode("""{"stream":"nknusdt@bookTicker","data":{"u":499869768,"s":"NKNUSDT","b":"0.35210000","B":"672.00000000","a":"0.35260000","A":"3199.00000000"}}"""u8, 9, 2);
        var q = Assert.Single(events.Quotes);
        Assert.Equal((499869768L, 35_210_000L, 67_200_000_000L, 35_260_000L, 319_900_000_000L), (q.Header.Sequence, q.BidPrice, q.BidSize, q.AskPrice, q.AskSize));
    }

    [Theory]
    [InlineData("""{"e":"depthUpdate","s":"X","U":1,"u":2,"b":[["abc","1"]],"a":[]}""", RejectReason.InvalidNumber)]
    [InlineData("""{"e":"depthUpdate","s":"X","U":1,"u":2,"b":[["1.0","-1"]],"a":[]}""", RejectReason.NegativeSize)]
    [InlineData("""{"e":"depthUpdate","s":"X","u":2,"b":[],"a":[]}""", RejectReason.MissingField)]
    [InlineData("""{"e":"depthUpdate","s":"X","U":1,"u":2,"b":[["0.000000001","1"]],"a":[]}""", RejectReason.PrecisionLoss)]
    [InlineData("""{"e":"24hrTicker","s":"X"}""", RejectReason.UnknownMessage)]
    [InlineData("""{"e":"depthUpdate",""", RejectReason.InvalidJson)]
    [InlineData("""{"e":"trade","s":"","p":"1","q":"1"}""", RejectReason.InvalidSymbol)]
    public void Malformed_messages_are_rejected_by_reason_and_quarantined_with_their_position(string message, RejectReason reason)
    {
        var quarantine = new Quarantine.Quarantine();
        var codec = new BinanceCodec(new CountingSink(), quarantine, "binance:test");
        Assert.Equal(DecodeResult.Rejected, codec.Decode(System.Text.Encoding.UTF8.GetBytes(message), 0, 42));
        Assert.Equal(1, codec.Stats.RejectedFor(reason));
        var kept = Assert.Single(quarantine.Snapshot());
        Assert.Equal(("binance:test", DecodeStats.Category(reason), 42L), (kept.Source, kept.Category, kept.Position));
    }

    [Fact]
    public void Klines_and_subscription_replies_are_recognised_and_ignored()
    {
        var codec = new BinanceCodec(new CountingSink(), new Quarantine.Quarantine());
        Assert.Equal(DecodeResult.Ignored, codec.Decode("""{"result":null,"id":1}"""u8, 0, 1));
        Assert.Equal(DecodeResult.Ignored, codec.Decode("""{"stream":"lrcbtc@kline_1m","data":{"e":"kline","E":1,"s":"LRCBTC","k":{"t":1}}}"""u8, 0, 2));
        Assert.Equal(2, codec.Stats.Ignored);
    }
}
