namespace FlowSense.Feeds.Itch;

// Views over the order messages of ITCH 5.0 (specification section 1.3 "Add Order" and 1.4 "Modify Order").
// Each is a zero-copy window on the frame; fields decode on read. Offsets are the specification's.

/// <summary>'A' Add Order – No MPID Attribution, and 'F' Add Order with MPID Attribution (which adds <see cref="Attribution"/>).</summary>
public readonly ref struct ItchAddOrder(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public long Timestamp => ItchFields.Timestamp(_m);
    public ulong OrderReference => ItchFields.U64(_m, 11);
    /// <summary>'B' buy, 'S' sell.</summary>
    public byte BuySellIndicator => _m[19];
    public uint Shares => ItchFields.U32(_m, 20);
    public ReadOnlySpan<byte> Stock => ItchFields.Alpha(_m, 24, 8);
    /// <summary>Price with 4 implied decimals.</summary>
    public uint Price => ItchFields.U32(_m, 32);
    public bool HasAttribution => _m[0] == (byte)ItchMessageType.AddOrderWithMpid;
    /// <summary>The market participant id of an 'F' message; empty for 'A'.</summary>
    public ReadOnlySpan<byte> Attribution => HasAttribution ? ItchFields.Alpha(_m, 36, 4) : default;
}

/// <summary>'E' Order Executed, and 'C' Order Executed With Price (which adds <see cref="Printable"/> and <see cref="ExecutionPrice"/>).</summary>
public readonly ref struct ItchOrderExecuted(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public long Timestamp => ItchFields.Timestamp(_m);
    public ulong OrderReference => ItchFields.U64(_m, 11);
    public uint ExecutedShares => ItchFields.U32(_m, 19);
    public ulong MatchNumber => ItchFields.U64(_m, 23);
    public bool HasPrice => _m[0] == (byte)ItchMessageType.OrderExecutedWithPrice;
    /// <summary>'Y' if the execution should be printed on time-and-sales; always true for 'E'.</summary>
    public bool Printable => !HasPrice || _m[31] == (byte)'Y';
    /// <summary>The execution price (4 implied decimals) of a 'C' message; 0 for 'E' (executed at the order's price).</summary>
    public uint ExecutionPrice => HasPrice ? ItchFields.U32(_m, 32) : 0;
}

/// <summary>'X' Order Cancel: a partial cancel of <see cref="CancelledShares"/>.</summary>
public readonly ref struct ItchOrderCancel(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public long Timestamp => ItchFields.Timestamp(_m);
    public ulong OrderReference => ItchFields.U64(_m, 11);
    public uint CancelledShares => ItchFields.U32(_m, 19);
}

/// <summary>'D' Order Delete.</summary>
public readonly ref struct ItchOrderDelete(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public long Timestamp => ItchFields.Timestamp(_m);
    public ulong OrderReference => ItchFields.U64(_m, 11);
}

/// <summary>'U' Order Replace: cancel the original order and add a new one on the same side, losing priority.</summary>
public readonly ref struct ItchOrderReplace(ReadOnlySpan<byte> message)
{
    private readonly ReadOnlySpan<byte> _m = message;

    public ushort StockLocate => ItchFields.StockLocate(_m);
    public long Timestamp => ItchFields.Timestamp(_m);
    public ulong OriginalOrderReference => ItchFields.U64(_m, 11);
    public ulong NewOrderReference => ItchFields.U64(_m, 19);
    public uint Shares => ItchFields.U32(_m, 27);
    public uint Price => ItchFields.U32(_m, 31);
}
