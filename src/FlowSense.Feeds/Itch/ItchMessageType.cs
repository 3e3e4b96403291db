namespace FlowSense.Feeds.Itch;

/// <summary>
/// The message types of NASDAQ TotalView-ITCH 5.0 (specification "Nasdaq TotalView-ITCH 5.0", section 1.x per type),
/// identified by their ASCII type byte.
/// </summary>
public enum ItchMessageType : byte
{
    SystemEvent = (byte)'S',
    StockDirectory = (byte)'R',
    StockTradingAction = (byte)'H',
    RegShoRestriction = (byte)'Y',
    MarketParticipantPosition = (byte)'L',
    MwcbDeclineLevel = (byte)'V',
    MwcbStatus = (byte)'W',
    IpoQuotingPeriodUpdate = (byte)'K',
    LuldAuctionCollar = (byte)'J',
    OperationalHalt = (byte)'h',
    AddOrder = (byte)'A',
    AddOrderWithMpid = (byte)'F',
    OrderExecuted = (byte)'E',
    OrderExecutedWithPrice = (byte)'C',
    OrderCancel = (byte)'X',
    OrderDelete = (byte)'D',
    OrderReplace = (byte)'U',
    Trade = (byte)'P',
    CrossTrade = (byte)'Q',
    BrokenTrade = (byte)'B',
    NetOrderImbalance = (byte)'I',
    RetailPriceImprovement = (byte)'N',
    DirectListingPriceDiscovery = (byte)'O',
}

/// <summary>The fixed length, in bytes including the type byte, of each ITCH 5.0 message.</summary>
public static class ItchMessageLength
{
    private static readonly byte[] Lengths = Build();

    /// <summary>The specification's length of <paramref name="typeByte"/>, or 0 for a type ITCH 5.0 does not define.</summary>
    public static int Of(byte typeByte) => Lengths[typeByte];

    private static byte[] Build()
    {
        var lengths = new byte[256];
        Set(ItchMessageType.SystemEvent, 12);
        Set(ItchMessageType.StockDirectory, 39);
        Set(ItchMessageType.StockTradingAction, 25);
        Set(ItchMessageType.RegShoRestriction, 20);
        Set(ItchMessageType.MarketParticipantPosition, 26);
        Set(ItchMessageType.MwcbDeclineLevel, 35);
        Set(ItchMessageType.MwcbStatus, 12);
        Set(ItchMessageType.IpoQuotingPeriodUpdate, 28);
        Set(ItchMessageType.LuldAuctionCollar, 35);
        Set(ItchMessageType.OperationalHalt, 21);
        Set(ItchMessageType.AddOrder, 36);
        Set(ItchMessageType.AddOrderWithMpid, 40);
        Set(ItchMessageType.OrderExecuted, 31);
        Set(ItchMessageType.OrderExecutedWithPrice, 36);
        Set(ItchMessageType.OrderCancel, 23);
        Set(ItchMessageType.OrderDelete, 19);
        Set(ItchMessageType.OrderReplace, 35);
        Set(ItchMessageType.Trade, 44);
        Set(ItchMessageType.CrossTrade, 40);
        Set(ItchMessageType.BrokenTrade, 19);
        Set(ItchMessageType.NetOrderImbalance, 50);
        Set(ItchMessageType.RetailPriceImprovement, 20);
        Set(ItchMessageType.DirectListingPriceDiscovery, 48);
        return lengths;

        void Set(ItchMessageType type, byte length) => lengths[(byte)type] = length;
    }
}
