using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.OrderBook;

/// <summary>
/// Top of book (L1) from <see cref="Quote"/>s, plus the last trade from <see cref="Trade"/>s.
/// </summary>
/// <remarks>
/// Each quote replaces both sides at once, so a lost quote loses nothing the next one does not restore: the book
/// records sequences but does not check them for gaps. For the same reason there is never an older level to blame
/// for a crossed quote, so <see cref="CrossedBookPolicy.ClearStaleLevels"/> behaves like <see cref="CrossedBookPolicy.Flag"/>.
/// </remarks>
public sealed class L1Book : IBookView, ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private Level _bid;
    private Level _ask;

    /// <summary>Creates an empty book.</summary>
    public L1Book(InstrumentId instrument, CrossedBookPolicy crossedPolicy = CrossedBookPolicy.Flag)
    {
        Instrument = instrument;
        CrossedPolicy = crossedPolicy;
    }

    /// <inheritdoc />
    public InstrumentId Instrument { get; }

    /// <summary>What a crossed quote does.</summary>
    public CrossedBookPolicy CrossedPolicy { get; }

    /// <summary>Refused or flagged quotes and trades, by category.</summary>
    public BookErrorCounts Errors { get; } = new();

    /// <inheritdoc />
    public Level BestBid => _bid;

    /// <inheritdoc />
    public Level BestAsk => _ask;

    /// <summary>The price of the last trade, 0 before the first.</summary>
    public long LastTradePrice { get; private set; }

    /// <summary>The size of the last trade, 0 before the first.</summary>
    public long LastTradeSize { get; private set; }

    /// <summary>Who took liquidity in the last trade.</summary>
    public Aggressor LastAggressor { get; private set; }

    /// <inheritdoc />
    public long Version { get; private set; }

    /// <inheritdoc />
    public long Sequence { get; private set; }

    /// <inheritdoc />
    public long LastEventTimeNs { get; private set; }

    /// <inheritdoc />
    public bool IsCrossed => !_bid.IsEmpty && !_ask.IsEmpty && _bid.Price > _ask.Price;

    /// <inheritdoc />
    public bool ResyncRequired => false;

    /// <inheritdoc />
    public int LevelCount(Side side) => (side == Side.Bid ? _bid : _ask).IsEmpty ? 0 : 1;

    /// <inheritdoc />
    public Level LevelAt(Side side, int depth) => depth == 0 ? (side == Side.Bid ? _bid : _ask) : default;

    /// <inheritdoc />
    public int TopLevels(Side side, Span<Level> destination)
    {
        Level best = side == Side.Bid ? _bid : _ask;
        if (best.IsEmpty || destination.IsEmpty)
            return 0;
        destination[0] = best;
        return 1;
    }

    /// <inheritdoc />
    public int TopLevels(Side side, Span<long> prices, Span<long> sizes)
    {
        Level best = side == Side.Bid ? _bid : _ask;
        if (best.IsEmpty || prices.IsEmpty || sizes.IsEmpty)
            return 0;
        prices[0] = best.Price;
        sizes[0] = best.Size;
        return 1;
    }

    /// <summary>Replaces the top of book; a size of 0 empties that side.</summary>
    public ApplyResult Apply(in Quote quote)
    {
        if (quote.BidSize < 0 || quote.AskSize < 0)
            return Errors.Count(ApplyResult.InvalidSize);
        Level bid = quote.BidSize > 0 ? new Level(quote.BidPrice, quote.BidSize, 0) : default;
        Level ask = quote.AskSize > 0 ? new Level(quote.AskPrice, quote.AskSize, 0) : default;
        ApplyResult result = ApplyResult.Applied;
        if (!bid.IsEmpty && !ask.IsEmpty && bid.Price > ask.Price)
        {
            result = Errors.Count(CrossedPolicy == CrossedBookPolicy.Reject ? ApplyResult.RejectedCrossed : ApplyResult.AppliedCrossed);
            if (result == ApplyResult.RejectedCrossed)
                return result;
        }
        _bid = bid;
        _ask = ask;
        Stamp(quote.Header);
        return result;
    }

    /// <summary>Records a trade as the last trade.</summary>
    public ApplyResult Apply(in Trade trade)
    {
        if (trade.Size <= 0)
            return Errors.Count(ApplyResult.InvalidSize);
        LastTradePrice = trade.Price;
        LastTradeSize = trade.Size;
        LastAggressor = trade.Aggressor;
        Stamp(trade.Header);
        return ApplyResult.Applied;
    }

    /// <inheritdoc />
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.L1Book, CheckpointVersion);
        writer.WriteInt64((long)CrossedPolicy);
        WriteLevel(ref writer, _bid);
        WriteLevel(ref writer, _ask);
        writer.WriteInt64(LastTradePrice);
        writer.WriteInt64(LastTradeSize);
        writer.WriteByte((byte)LastAggressor);
        writer.WriteInt64(Version);
        writer.WriteInt64(Sequence);
        writer.WriteInt64(LastEventTimeNs);
        Errors.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.L1Book, CheckpointVersion);
        reader.ReadExpected((long)CrossedPolicy, "the crossed-book policy");
        _bid = ReadLevel(ref reader);
        _ask = ReadLevel(ref reader);
        LastTradePrice = reader.ReadInt64();
        LastTradeSize = reader.ReadInt64();
        byte aggressor = reader.ReadByte();
        if (aggressor > (byte)Aggressor.Seller)
            throw reader.Corrupt($"aggressor {aggressor} is not one of Unknown, Buyer, Seller");
        LastAggressor = (Aggressor)aggressor;
        Version = reader.ReadInt64();
        Sequence = reader.ReadInt64();
        LastEventTimeNs = reader.ReadInt64();
        Errors.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }

    private static void WriteLevel(ref CheckpointWriter writer, Level level)
    {
        writer.WriteInt64(level.Price);
        writer.WriteInt64(level.Size);
    }

    private static Level ReadLevel(ref CheckpointReader reader)
    {
        long price = reader.ReadInt64();
        long size = reader.ReadInt64();
        if (size < 0)
            throw reader.Corrupt($"a quote side holds size {size}");
        return size == 0 ? default : new Level(price, size, 0);
    }

    private void Stamp(in EventHeader header)
    {
        if (header.Sequence != 0)
            Sequence = header.Sequence;
        LastEventTimeNs = header.ExchangeTimeNs;
        Version++;
    }
}
