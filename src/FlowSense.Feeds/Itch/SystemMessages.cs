namespace FlowSense.Feeds.Itch;

// Views over the system and stock-related messages of ITCH 5.0 (specification section 1.1 "System Event" and
// 1.2 "Stock Related Messages").

/// <summary>'S' System Event: 'O' start of messages, 'S' start of system hours, 'Q' start of market hours,
/// 'M' end of market hours, 'E' end of system hours, 'C' end of messages.</summary>
public readonly ref struct ItchSystemEvent(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public long Timestamp => ItchFields.Timestamp(_m);
    public byte EventCode => _m[11];
}

/// <summary>'R' Stock Directory: binds a stock locate code to a symbol for the day, with its listing facts.</summary>
public readonly ref struct ItchStockDirectory(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public long Timestamp => ItchFields.Timestamp(_m);
    public ReadOnlySpan<byte> Stock => ItchFields.Alpha(_m, 11, 8);
    public byte MarketCategory => _m[19];
    public byte FinancialStatusIndicator => _m[20];
    public uint RoundLotSize => ItchFields.U32(_m, 21);
    public bool RoundLotsOnly => _m[25] == (byte)'Y';
    public byte IssueClassification => _m[26];
    public ReadOnlySpan<byte> IssueSubType => ItchFields.Alpha(_m, 27, 2);
    public byte Authenticity => _m[29];
    public byte ShortSaleThresholdIndicator => _m[30];
    public byte IpoFlag => _m[31];
    public byte LuldReferencePriceTier => _m[32];
    public byte EtpFlag => _m[33];
    public uint EtpLeverageFactor => ItchFields.U32(_m, 34);
    public bool InverseIndicator => _m[38] == (byte)'Y';
}

/// <summary>'H' Stock Trading Action: 'H' halted, 'P' paused, 'Q' quotation only, 'T' trading.</summary>
public readonly ref struct ItchStockTradingAction(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public long Timestamp => ItchFields.Timestamp(_m);
    public ReadOnlySpan<byte> Stock => ItchFields.Alpha(_m, 11, 8);
    public byte TradingState => _m[19];
    public ReadOnlySpan<byte> Reason => ItchFields.Alpha(_m, 21, 4);
}

/// <summary>'Y' Reg SHO Short Sale Price Test Restricted Indicator.</summary>
public readonly ref struct ItchRegShoRestriction(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public ReadOnlySpan<byte> Stock => ItchFields.Alpha(_m, 11, 8);
    /// <summary>'0' no test, '1' restriction in effect (intraday drop), '2' restriction remains in effect.</summary>
    public byte RegShoAction => _m[19];
}

/// <summary>'L' Market Participant Position.</summary>
public readonly ref struct ItchMarketParticipantPosition(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public ReadOnlySpan<byte> Mpid => ItchFields.Alpha(_m, 11, 4);
    public ReadOnlySpan<byte> Stock => ItchFields.Alpha(_m, 15, 8);
    public bool PrimaryMarketMaker => _m[23] == (byte)'Y';
    public byte MarketMakerMode => _m[24];
    public byte MarketParticipantState => _m[25];
}

/// <summary>'V' Market-Wide Circuit Breaker Decline Level: three prices with 8 implied decimals.</summary>
public readonly ref struct ItchMwcbDeclineLevel(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ulong Level1 => ItchFields.U64(_m, 11);
    public ulong Level2 => ItchFields.U64(_m, 19);
    public ulong Level3 => ItchFields.U64(_m, 27);
}

/// <summary>'W' Market-Wide Circuit Breaker Status: the level breached ('1', '2' or '3').</summary>
public readonly ref struct ItchMwcbStatus(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public byte BreachedLevel => _m[11];
}

/// <summary>'K' IPO Quoting Period Update.</summary>
public readonly ref struct ItchIpoQuotingPeriodUpdate(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public ReadOnlySpan<byte> Stock => ItchFields.Alpha(_m, 11, 8);
    /// <summary>Seconds since midnight at which quotation is released.</summary>
    public uint ReleaseTime => ItchFields.U32(_m, 19);
    public byte ReleaseQualifier => _m[23];
    public uint IpoPrice => ItchFields.U32(_m, 24);
}

/// <summary>'J' Limit Up – Limit Down Auction Collar.</summary>
public readonly ref struct ItchLuldAuctionCollar(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public ReadOnlySpan<byte> Stock => ItchFields.Alpha(_m, 11, 8);
    public uint ReferencePrice => ItchFields.U32(_m, 19);
    public uint UpperCollarPrice => ItchFields.U32(_m, 23);
    public uint LowerCollarPrice => ItchFields.U32(_m, 27);
    public uint Extension => ItchFields.U32(_m, 31);
}

/// <summary>'h' Operational Halt on one market center ('Q' Nasdaq, 'B' BX, 'X' PSX): 'H' halted, 'T' resumed.</summary>
public readonly ref struct ItchOperationalHalt(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public long Timestamp => ItchFields.Timestamp(_m);
    public ReadOnlySpan<byte> Stock => ItchFields.Alpha(_m, 11, 8);
    public byte MarketCode => _m[19];
    public byte HaltAction => _m[20];
}

/// <summary>'N' Retail Price Improvement Indicator: 'B' buy, 'S' sell, 'A' both, 'N' none.</summary>
public readonly ref struct ItchRetailPriceImprovement(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public ReadOnlySpan<byte> Stock => ItchFields.Alpha(_m, 11, 8);
    public byte InterestFlag => _m[19];
}

/// <summary>'O' Direct Listing with Capital Raise Price Discovery.</summary>
public readonly ref struct ItchDirectListingPriceDiscovery(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public ReadOnlySpan<byte> Stock => ItchFields.Alpha(_m, 11, 8);
    public bool OpenEligible => _m[19] == (byte)'Y';
    public uint MinimumAllowablePrice => ItchFields.U32(_m, 20);
    public uint MaximumAllowablePrice => ItchFields.U32(_m, 24);
    public uint NearExecutionPrice => ItchFields.U32(_m, 28);
    public ulong NearExecutionTime => ItchFields.U64(_m, 32);
    public uint LowerPriceRangeCollar => ItchFields.U32(_m, 40);
    public uint UpperPriceRangeCollar => ItchFields.U32(_m, 44);
}

/// <summary>'I' Net Order Imbalance Indicator (NOII), disseminated before the opening and closing crosses.</summary>
public readonly ref struct ItchNetOrderImbalance(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public long Timestamp => ItchFields.Timestamp(_m);
    public ulong PairedShares => ItchFields.U64(_m, 11);
    public ulong ImbalanceShares => ItchFields.U64(_m, 19);
    /// <summary>'B' buy, 'S' sell, 'N' none, 'O' insufficient orders to calculate, 'P' paused.</summary>
    public byte ImbalanceDirection => _m[27];
    public ReadOnlySpan<byte> Stock => ItchFields.Alpha(_m, 28, 8);
    public uint FarPrice => ItchFields.U32(_m, 36);
    public uint NearPrice => ItchFields.U32(_m, 40);
    public uint CurrentReferencePrice => ItchFields.U32(_m, 44);
    public byte CrossType => _m[48];
    public byte PriceVariationIndicator => _m[49];
}
