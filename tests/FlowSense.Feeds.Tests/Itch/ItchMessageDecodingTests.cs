using System.Text;
using FlowSense.Feeds.Itch;

namespace FlowSense.Feeds.Tests.Itch;

/// <summary>Every ITCH 5.0 message type decodes each field from the specification's offset.</summary>
public class ItchMessageDecodingTests
{
    private static string S(ReadOnlySpan<byte> alpha) => Encoding.ASCII.GetString(alpha);

    [Fact]
    public void Common_header_fields()
    {
        var m = new ItchBytes(ItchMessageType.OrderDelete, locate: 513, tracking: 9, timestamp: 0x0102_0304_0506).Message;
        Assert.Equal(513, ItchFields.StockLocate(m));
        Assert.Equal(9, ItchFields.TrackingNumber(m));
        Assert.Equal(0x0102_0304_0506, ItchFields.Timestamp(m));
    }

    [Fact]
    public void System_event() =>
        Assert.Equal((byte)'Q', new ItchSystemEvent(new ItchBytes(ItchMessageType.SystemEvent).U8(11, 'Q').Message).EventCode);

    [Fact]
    public void Stock_directory()
    {
        var d = new ItchStockDirectory(new ItchBytes(ItchMessageType.StockDirectory)
            .Alpha(11, 8, "AAPL").U8(19, 'Q').U8(20, 'N').U32(21, 100).U8(25, 'N').U8(26, 'C').Alpha(27, 2, "Z")
            .U8(29, 'P').U8(30, 'N').U8(31, ' ').U8(32, '1').U8(33, 'N').U32(34, 0).U8(38, 'N').Message);
        Assert.Equal("AAPL", S(d.Stock));
        Assert.Equal((byte)'Q', d.MarketCategory);
        Assert.Equal(100u, d.RoundLotSize);
        Assert.False(d.RoundLotsOnly);
        Assert.Equal((byte)'C', d.IssueClassification);
        Assert.Equal("Z", S(d.IssueSubType));
        Assert.Equal((byte)'P', d.Authenticity);
        Assert.Equal((byte)'1', d.LuldReferencePriceTier);
        Assert.False(d.InverseIndicator);
    }

    [Fact]
    public void Stock_trading_action()
    {
        var h = new ItchStockTradingAction(new ItchBytes(ItchMessageType.StockTradingAction)
            .Alpha(11, 8, "MSFT").U8(19, 'H').Alpha(21, 4, "LUDP").Message);
        Assert.Equal("MSFT", S(h.Stock));
        Assert.Equal((byte)'H', h.TradingState);
        Assert.Equal("LUDP", S(h.Reason));
    }

    [Fact]
    public void Reg_sho_and_market_participant_position()
    {
        var y = new ItchRegShoRestriction(new ItchBytes(ItchMessageType.RegShoRestriction).Alpha(11, 8, "IBM").U8(19, '1').Message);
        Assert.Equal("IBM", S(y.Stock));
        Assert.Equal((byte)'1', y.RegShoAction);

        var l = new ItchMarketParticipantPosition(new ItchBytes(ItchMessageType.MarketParticipantPosition)
            .Alpha(11, 4, "GSCO").Alpha(15, 8, "IBM").U8(23, 'Y').U8(24, 'N').U8(25, 'A').Message);
        Assert.Equal("GSCO", S(l.Mpid));
        Assert.Equal("IBM", S(l.Stock));
        Assert.True(l.PrimaryMarketMaker);
        Assert.Equal((byte)'A', l.MarketParticipantState);
    }

    [Fact]
    public void Circuit_breaker_messages()
    {
        var v = new ItchMwcbDeclineLevel(new ItchBytes(ItchMessageType.MwcbDeclineLevel)
            .U64(11, 1).U64(19, 2).U64(27, 3).Message);
        Assert.Equal((1ul, 2ul, 3ul), (v.Level1, v.Level2, v.Level3));
        Assert.Equal((byte)'2', new ItchMwcbStatus(new ItchBytes(ItchMessageType.MwcbStatus).U8(11, '2').Message).BreachedLevel);
    }

    [Fact]
    public void Ipo_luld_operational_halt_rpii_and_direct_listing()
    {
        var k = new ItchIpoQuotingPeriodUpdate(new ItchBytes(ItchMessageType.IpoQuotingPeriodUpdate)
            .Alpha(11, 8, "NEW").U32(19, 36_000).U8(23, 'A').U32(24, 150_000).Message);
        Assert.Equal(("NEW", 36_000u, (byte)'A', 150_000u), (S(k.Stock), k.ReleaseTime, k.ReleaseQualifier, k.IpoPrice));

        var j = new ItchLuldAuctionCollar(new ItchBytes(ItchMessageType.LuldAuctionCollar)
            .Alpha(11, 8, "X").U32(19, 10).U32(23, 11).U32(27, 9).U32(31, 2).Message);
        Assert.Equal((10u, 11u, 9u, 2u), (j.ReferencePrice, j.UpperCollarPrice, j.LowerCollarPrice, j.Extension));

        var h = new ItchOperationalHalt(new ItchBytes(ItchMessageType.OperationalHalt).Alpha(11, 8, "Y").U8(19, 'Q').U8(20, 'H').Message);
        Assert.Equal(((byte)'Q', (byte)'H'), (h.MarketCode, h.HaltAction));

        var n = new ItchRetailPriceImprovement(new ItchBytes(ItchMessageType.RetailPriceImprovement).Alpha(11, 8, "Z").U8(19, 'A').Message);
        Assert.Equal((byte)'A', n.InterestFlag);

        var o = new ItchDirectListingPriceDiscovery(new ItchBytes(ItchMessageType.DirectListingPriceDiscovery)
            .Alpha(11, 8, "DL").U8(19, 'Y').U32(20, 1).U32(24, 2).U32(28, 3).U64(32, 4).U32(40, 5).U32(44, 6).Message);
        Assert.True(o.OpenEligible);
        Assert.Equal((1u, 2u, 3u, 4ul, 5u, 6u), (o.MinimumAllowablePrice, o.MaximumAllowablePrice, o.NearExecutionPrice,
            o.NearExecutionTime, o.LowerPriceRangeCollar, o.UpperPriceRangeCollar));
    }

    [Fact]
    public void Add_order_with_and_without_mpid()
    {
        var a = new ItchAddOrder(new ItchBytes(ItchMessageType.AddOrder)
            .U64(11, 123_456_789_012).U8(19, 'S').U32(20, 300).Alpha(24, 8, "AAPL").U32(32, 5_850_000).Message);
        Assert.Equal((123_456_789_012ul, (byte)'S', 300u, "AAPL", 5_850_000u), (a.OrderReference, a.BuySellIndicator, a.Shares, S(a.Stock), a.Price));
        Assert.False(a.HasAttribution);
        Assert.True(a.Attribution.IsEmpty);

        var f = new ItchAddOrder(new ItchBytes(ItchMessageType.AddOrderWithMpid)
            .U64(11, 1).U8(19, 'B').U32(20, 100).Alpha(24, 8, "IBM").U32(32, 1_850_000).Alpha(36, 4, "MSCO").Message);
        Assert.True(f.HasAttribution);
        Assert.Equal("MSCO", S(f.Attribution));
    }

    [Fact]
    public void Executions_with_and_without_price()
    {
        var e = new ItchOrderExecuted(new ItchBytes(ItchMessageType.OrderExecuted).U64(11, 42).U32(19, 50).U64(23, 9_999).Message);
        Assert.Equal((42ul, 50u, 9_999ul, 0u), (e.OrderReference, e.ExecutedShares, e.MatchNumber, e.ExecutionPrice));
        Assert.True(e.Printable);

        var c = new ItchOrderExecuted(new ItchBytes(ItchMessageType.OrderExecutedWithPrice)
            .U64(11, 43).U32(19, 60).U64(23, 10_000).U8(31, 'N').U32(32, 1_234_500).Message);
        Assert.True(c.HasPrice);
        Assert.False(c.Printable);
        Assert.Equal(1_234_500u, c.ExecutionPrice);
    }

    [Fact]
    public void Cancel_delete_and_replace()
    {
        var x = new ItchOrderCancel(new ItchBytes(ItchMessageType.OrderCancel).U64(11, 5).U32(19, 25).Message);
        Assert.Equal((5ul, 25u), (x.OrderReference, x.CancelledShares));
        Assert.Equal(6ul, new ItchOrderDelete(new ItchBytes(ItchMessageType.OrderDelete).U64(11, 6).Message).OrderReference);
        var u = new ItchOrderReplace(new ItchBytes(ItchMessageType.OrderReplace).U64(11, 7).U64(19, 8).U32(27, 90).U32(31, 1_000_100).Message);
        Assert.Equal((7ul, 8ul, 90u, 1_000_100u), (u.OriginalOrderReference, u.NewOrderReference, u.Shares, u.Price));
    }

    [Fact]
    public void Trade_cross_trade_and_broken_trade()
    {
        var p = new ItchTrade(new ItchBytes(ItchMessageType.Trade)
            .U64(11, 0).U8(19, 'B').U32(20, 200).Alpha(24, 8, "SPY").U32(32, 4_000_000).U64(36, 77).Message);
        Assert.Equal(((byte)'B', 200u, "SPY", 4_000_000u, 77ul), (p.BuySellIndicator, p.Shares, S(p.Stock), p.Price, p.MatchNumber));

        var q = new ItchCrossTrade(new ItchBytes(ItchMessageType.CrossTrade)
            .U64(11, 1_000_000).Alpha(19, 8, "SPY").U32(27, 4_010_000).U64(31, 78).U8(39, 'O').Message);
        Assert.Equal((1_000_000ul, "SPY", 4_010_000u, 78ul, (byte)'O'), (q.Shares, S(q.Stock), q.CrossPrice, q.MatchNumber, q.CrossType));

        Assert.Equal(79ul, new ItchBrokenTrade(new ItchBytes(ItchMessageType.BrokenTrade).U64(11, 79).Message).MatchNumber);
    }

    [Fact]
    public void Net_order_imbalance()
    {
        var i = new ItchNetOrderImbalance(new ItchBytes(ItchMessageType.NetOrderImbalance)
            .U64(11, 500).U64(19, 120).U8(27, 'S').Alpha(28, 8, "QQQ").U32(36, 1).U32(40, 2).U32(44, 3).U8(48, 'C').U8(49, 'L').Message);
        Assert.Equal((500ul, 120ul, (byte)'S', "QQQ"), (i.PairedShares, i.ImbalanceShares, i.ImbalanceDirection, S(i.Stock)));
        Assert.Equal((1u, 2u, 3u, (byte)'C', (byte)'L'), (i.FarPrice, i.NearPrice, i.CurrentReferencePrice, i.CrossType, i.PriceVariationIndicator));
    }
}
