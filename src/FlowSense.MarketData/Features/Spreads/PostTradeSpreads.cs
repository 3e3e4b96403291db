using FlowSense.MarketData.Features.RollingWindows;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.Spreads;

/// <summary>
/// Realized spread and price impact (<see cref="EffectiveSpread"/>) of each trade, evaluated once the mid τ later
/// is known. Trades wait in a ring that grows with the most trades seen pending at once, up to its capacity; as time
/// advances past t + τ each is resolved against the mid
/// prevailing at t + τ, i.e. the last mid stamped at or before t + τ. Results: the latest values and the mean over
/// the last N resolved trades (equal weights). Warm-up: nothing until the first trade is τ old.
/// <para>Counted, never silent: trades refused because the ring was full (<see cref="PendingOverflows"/>) and
/// trades whose later mid was undefined because a side was empty (<see cref="UnresolvedWithoutMid"/>).</para>
/// </summary>
public sealed class PostTradeSpreads : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private const int Realized = 0, Impact = 1;

    // The realized-spread and price-impact averages advance together: one window of two columns.
    private RollingColumns _averages;
    private BoundedQueue<PendingTrade> _pending;
    // The oldest pending trade's due time, or MaxValue when none waits: every mid and trade asks whether one is due,
    // and this answers without touching the ring.
    private long _nextDueNs = long.MaxValue;
    private double _currentMid = double.NaN;
    private ForwardClock _clock = new();

    /// <param name="horizonNs">τ in nanoseconds.</param>
    /// <param name="pendingCapacity">The most trades that may await their t + τ at once.</param>
    /// <param name="averageWindow">N, the resolved trades averaged.</param>
    public PostTradeSpreads(long horizonNs, int pendingCapacity, int averageWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizonNs, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(pendingCapacity, 1);
        HorizonNs = horizonNs;
        _pending = new BoundedQueue<PendingTrade>(pendingCapacity);
        _averages = new RollingColumns(2, averageWindow);
    }

    public long HorizonNs { get; }

    public bool IsReady => Resolved > 0;

    public long Resolved { get; private set; }

    /// <summary>Trades awaiting their t + τ.</summary>
    public int Pending => _pending.Count;

    public long PendingOverflows { get; private set; }

    public long UnresolvedWithoutMid { get; private set; }

    /// <summary>Calls stamped earlier than a time already seen; they are treated as the latest time.</summary>
    public long OutOfOrder => _clock.OutOfOrder;

    public double LastRealizedSpread { get; private set; } = double.NaN;

    public double LastPriceImpact { get; private set; } = double.NaN;

    public double MeanRealizedSpread => Mean(Realized);

    public double MeanPriceImpact => Mean(Impact);

    /// <summary>A new mid stamped <paramref name="timeNs"/> (NaN when a side is empty).</summary>
    public void OnMid(long timeNs, double mid)
    {
        timeNs = _clock.Observe(timeNs);
        // Trades due strictly before now saw the old mid prevail at their t + τ; those due exactly now see this one.
        ResolveDue(timeNs, inclusive: false);
        _currentMid = mid;
        ResolveDue(timeNs, inclusive: true);
    }

    /// <summary>Registers a trade of sign <paramref name="sign"/> at <paramref name="price"/> with mid <paramref name="mid"/> prevailing.</summary>
    /// <returns>False if the trade cannot be evaluated (sign 0, mid undefined) or the ring is full.</returns>
    public bool OnTrade(long timeNs, long price, int sign, double mid)
    {
        timeNs = _clock.Observe(timeNs);
        ResolveDue(timeNs, inclusive: true);
        if (sign == 0 || double.IsNaN(mid))
            return false;
        if (_pending.IsFull)
        {
            PendingOverflows++;
            return false;
        }
        if (_pending.Count == 0)
            _nextDueNs = timeNs + HorizonNs;
        _pending.Enqueue(new PendingTrade(timeNs + HorizonNs, price, sign, mid));
        // τ = 0: the trade is due at once, against the mid prevailing now.
        ResolveDue(timeNs, inclusive: true);
        return true;
    }

    /// <summary>Moves time to <paramref name="nowNs"/> with the mid unchanged.</summary>
    public void Advance(long nowNs) => ResolveDue(_clock.Observe(nowNs), inclusive: true);

    /// <summary>Writes the trades awaiting their t + τ (oldest first), the prevailing mid, the clock and the averages.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.PostTradeSpreads, CheckpointVersion);
        writer.WriteInt64(HorizonNs);
        writer.WriteInt64(_pending.Capacity);
        writer.WriteDouble(_currentMid);
        _clock.WriteCheckpoint(ref writer);
        writer.WriteInt64(Resolved);
        writer.WriteInt64(PendingOverflows);
        writer.WriteInt64(UnresolvedWithoutMid);
        writer.WriteDouble(LastRealizedSpread);
        writer.WriteDouble(LastPriceImpact);
        writer.WriteInt32(_pending.Count);
        for (int i = 0; i < _pending.Count; i++)
        {
            ref readonly PendingTrade trade = ref _pending[i];
            writer.WriteInt64(trade.DueNs);
            writer.WriteInt64(trade.Price);
            writer.WriteInt32(trade.Sign);
            writer.WriteDouble(trade.Mid);
        }
        _averages.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.PostTradeSpreads, CheckpointVersion);
        reader.ReadExpected(HorizonNs, "the horizon τ (ns)");
        reader.ReadExpected(_pending.Capacity, "the pending-trade capacity");
        _currentMid = reader.ReadDouble();
        _clock.RestoreCheckpoint(ref reader);
        Resolved = reader.ReadInt64();
        PendingOverflows = reader.ReadInt64();
        UnresolvedWithoutMid = reader.ReadInt64();
        LastRealizedSpread = reader.ReadDouble();
        LastPriceImpact = reader.ReadDouble();
        int count = reader.ReadCount(_pending.Capacity, "the pending-trade count");
        _pending.Clear();
        _pending.Reserve(count);
        for (int i = 0; i < count; i++)
        {
            long due = reader.ReadInt64();
            long price = reader.ReadInt64();
            int sign = reader.ReadInt32();
            double mid = reader.ReadDouble();
            if (sign is not (1 or -1))
                throw reader.Corrupt($"a pending trade has sign {sign}");
            _pending.Enqueue(new PendingTrade(due, price, sign, mid));
        }
        _nextDueNs = count > 0 ? _pending.Oldest.DueNs : long.MaxValue;
        _averages.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }

    private void ResolveDue(long nowNs, bool inclusive)
    {
        if (_nextDueNs > nowNs || (_nextDueNs == nowNs && !inclusive))
            return;
        while (_pending.Count > 0)
        {
            ref readonly PendingTrade trade = ref _pending.Oldest;
            bool due = inclusive ? trade.DueNs <= nowNs : trade.DueNs < nowNs;
            if (!due)
                break;
            if (double.IsNaN(_currentMid))
            {
                UnresolvedWithoutMid++;
            }
            else
            {
                LastRealizedSpread = EffectiveSpread.Realized(trade.Price, trade.Sign, trade.Mid, _currentMid);
                LastPriceImpact = EffectiveSpread.PriceImpact(trade.Sign, trade.Mid, _currentMid);
                _averages.Add([LastRealizedSpread, LastPriceImpact]);
                Resolved++;
            }
            _pending.DropOldest();
        }
        _nextDueNs = _pending.Count > 0 ? _pending.Oldest.DueNs : long.MaxValue;
    }

    private double Mean(int column) => _averages.Count == 0 ? double.NaN : _averages.Sum(column) / _averages.Count;

    private readonly record struct PendingTrade(long DueNs, long Price, int Sign, double Mid);
}
