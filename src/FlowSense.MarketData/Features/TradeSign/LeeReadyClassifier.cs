using FlowSense.MarketData.Events;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.TradeSign;

/// <summary>
/// Signs trades q ∈ {+1 buy, −1 sell, 0 unknown}: the feed's aggressor where it gives one, otherwise Lee &amp; Ready
/// (1991), "Inferring trade direction from intraday data". Quote test against the prevailing mid (above → buy,
/// below → sell); at the mid, or when no two-sided quote exists, the tick test against earlier trade prices
/// (uptick or zero-uptick → buy, downtick or zero-downtick → sell).
/// <para>Quote lag: none. The caller supplies the quote prevailing when the trade printed; Lee &amp; Ready's
/// five-second lag corrected 1980s reporting delays that timestamped feeds do not have. Price comparisons are
/// exact integer arithmetic (2P against Pb + Pa). Every trade updates the tick state, signed by aggressor or not,
/// so the tick test always sees the full tape. Warm-up: a trade at the mid is unclassified until the tape has
/// moved once.</para>
/// </summary>
public sealed class LeeReadyClassifier : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private long _lastPrice;
    private bool _hasLastPrice;
    private int _lastTickDirection;

    /// <summary>The rule that decided the latest trade.</summary>
    public TradeSignRule LastRule { get; private set; }

    public long ByAggressor { get; private set; }

    public long ByQuote { get; private set; }

    public long ByTick { get; private set; }

    public long Unclassified { get; private set; }

    /// <summary>Signs one trade and records its price for later tick tests.</summary>
    /// <param name="price">The trade price, raw units.</param>
    /// <param name="aggressor">The feed's aggressor, or <see cref="Aggressor.Unknown"/>.</param>
    /// <param name="prevailing">The quote prevailing at the trade; one-sided means no quote test.</param>
    public int Classify(long price, Aggressor aggressor, in TopOfBook prevailing)
    {
        int tick = TickDirection(price);
        int sign;
        if (aggressor != Aggressor.Unknown)
        {
            sign = aggressor == Aggressor.Buyer ? 1 : -1;
            LastRule = TradeSignRule.Aggressor;
            ByAggressor++;
        }
        else if (prevailing.IsTwoSided && QuoteTest(price, prevailing) is var byQuote and not 0)
        {
            sign = byQuote;
            LastRule = TradeSignRule.Quote;
            ByQuote++;
        }
        else if (tick != 0)
        {
            sign = tick;
            LastRule = TradeSignRule.Tick;
            ByTick++;
        }
        else
        {
            sign = 0;
            LastRule = TradeSignRule.Unclassified;
            Unclassified++;
        }
        return sign;
    }

    /// <summary>+1 above the mid, −1 below, 0 at it: 2P compared with Pb + Pa, exactly.</summary>
    public static int QuoteTest(long price, in TopOfBook quote) => (2 * price).CompareTo(quote.BidPrice + quote.AskPrice);

    /// <summary>
    /// The tick test's verdict for <paramref name="price"/> (+1 uptick or zero-uptick, −1 downtick or zero-downtick,
    /// 0 before any price change), then remembers the price.
    /// </summary>
    /// <summary>Writes the tick-test state (last price and direction) and the per-rule counts.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.LeeReadyClassifier, CheckpointVersion);
        writer.WriteInt64(_lastPrice);
        writer.WriteBoolean(_hasLastPrice);
        writer.WriteInt32(_lastTickDirection);
        writer.WriteByte((byte)LastRule);
        writer.WriteInt64(ByAggressor);
        writer.WriteInt64(ByQuote);
        writer.WriteInt64(ByTick);
        writer.WriteInt64(Unclassified);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.LeeReadyClassifier, CheckpointVersion);
        _lastPrice = reader.ReadInt64();
        _hasLastPrice = reader.ReadBoolean();
        _lastTickDirection = reader.ReadInt32();
        if (_lastTickDirection is < -1 or > 1)
            throw reader.Corrupt($"the tick direction is {_lastTickDirection}");
        byte rule = reader.ReadByte();
        if (!Enum.IsDefined((TradeSignRule)rule))
            throw reader.Corrupt($"the last rule is {rule}");
        LastRule = (TradeSignRule)rule;
        ByAggressor = reader.ReadInt64();
        ByQuote = reader.ReadInt64();
        ByTick = reader.ReadInt64();
        Unclassified = reader.ReadInt64();
        reader.EndSection();
    }

    private int TickDirection(long price)
    {
        if (_hasLastPrice && price != _lastPrice)
            _lastTickDirection = price > _lastPrice ? 1 : -1;
        _lastPrice = price;
        _hasLastPrice = true;
        return _lastTickDirection;
    }
}
