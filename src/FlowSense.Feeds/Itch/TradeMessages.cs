namespace FlowSense.Feeds.Itch;

// Views over the trade messages of ITCH 5.0 (specification section 1.5 "Trade Messages").

/// <summary>'P' Trade (non-cross): an execution against a non-displayed order.</summary>
public readonly ref struct ItchTrade(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public long Timestamp => ItchFields.Timestamp(_m);
    public ulong OrderReference => ItchFields.U64(_m, 11);
    /// <summary>The side of the resting (non-displayed) order: 'B' means the buyer rested, so the seller aggressed.</summary>
    public byte BuySellIndicator => _m[19];
    public uint Shares => ItchFields.U32(_m, 20);
    public ReadOnlySpan<byte> Stock => ItchFields.Alpha(_m, 24, 8);
    public uint Price => ItchFields.U32(_m, 32);
    public ulong MatchNumber => ItchFields.U64(_m, 36);
}

/// <summary>'Q' Cross Trade: the bulk print of an opening, closing, IPO or halt cross.</summary>
public readonly ref struct ItchCrossTrade(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public long Timestamp => ItchFields.Timestamp(_m);
    public ulong Shares => ItchFields.U64(_m, 11);
    public ReadOnlySpan<byte> Stock => ItchFields.Alpha(_m, 19, 8);
    public uint CrossPrice => ItchFields.U32(_m, 27);
    public ulong MatchNumber => ItchFields.U64(_m, 31);
    /// <summary>'O' opening, 'C' closing, 'H' halt/IPO, 'I' intraday.</summary>
    public byte CrossType => _m[39];
}

/// <summary>'B' Broken Trade: an earlier execution identified by <see cref="MatchNumber"/> was broken.</summary>
public readonly ref struct ItchBrokenTrade(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public long Timestamp => ItchFields.Timestamp(_m);
    public ulong MatchNumber => ItchFields.U64(_m, 11);
}
