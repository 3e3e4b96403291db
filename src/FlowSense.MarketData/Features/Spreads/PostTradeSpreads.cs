using FlowSense.MarketData.Features.RollingWindows;

namespace FlowSense.MarketData.Features.Spreads;

/// <summary>
/// Realized spread and price impact (<see cref="EffectiveSpread"/>) of each trade, evaluated once the mid τ later
/// is known. Trades wait in a ring allocated once; as time advances past t + τ each is resolved against the mid
/// prevailing at t + τ, i.e. the last mid stamped at or before t + τ. Results: the latest values and the mean over
/// the last N resolved trades (equal weights). Warm-up: nothing until the first trade is τ old.
/// <para>Counted, never silent: trades refused because the ring was full (<see cref="PendingOverflows"/>) and
/// trades whose later mid was undefined because a side was empty (<see cref="UnresolvedWithoutMid"/>).</para>
/// </summary>
public sealed class PostTradeSpreads
{
    private readonly PendingTrade[] _pending;
    private readonly RollingSum<double> _realized;
    private readonly RollingSum<double> _impact;
    private int _head;
    private int _count;
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
        _pending = new PendingTrade[pendingCapacity];
        _realized = new RollingSum<double>(averageWindow);
        _impact = new RollingSum<double>(averageWindow);
    }

    public long HorizonNs { get; }

    public bool IsReady => Resolved > 0;

    public long Resolved { get; private set; }

    /// <summary>Trades awaiting their t + τ.</summary>
    public int Pending => _count;

    public long PendingOverflows { get; private set; }

    public long UnresolvedWithoutMid { get; private set; }

    /// <summary>Calls stamped earlier than a time already seen; they are treated as the latest time.</summary>
    public long OutOfOrder => _clock.OutOfOrder;

    public double LastRealizedSpread { get; private set; } = double.NaN;

    public double LastPriceImpact { get; private set; } = double.NaN;

    public double MeanRealizedSpread => _realized.Count == 0 ? double.NaN : _realized.Sum / _realized.Count;

    public double MeanPriceImpact => _impact.Count == 0 ? double.NaN : _impact.Sum / _impact.Count;

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
        if (_count == _pending.Length)
        {
            PendingOverflows++;
            return false;
        }
        int tail = _head + _count;
        if (tail >= _pending.Length)
            tail -= _pending.Length;
        _pending[tail] = new PendingTrade(timeNs + HorizonNs, price, sign, mid);
        _count++;
        // τ = 0: the trade is due at once, against the mid prevailing now.
        ResolveDue(timeNs, inclusive: true);
        return true;
    }

    /// <summary>Moves time to <paramref name="nowNs"/> with the mid unchanged.</summary>
    public void Advance(long nowNs) => ResolveDue(_clock.Observe(nowNs), inclusive: true);

    private void ResolveDue(long nowNs, bool inclusive)
    {
        while (_count > 0)
        {
            ref readonly PendingTrade trade = ref _pending[_head];
            bool due = inclusive ? trade.DueNs <= nowNs : trade.DueNs < nowNs;
            if (!due)
                return;
            if (double.IsNaN(_currentMid))
            {
                UnresolvedWithoutMid++;
            }
            else
            {
                LastRealizedSpread = EffectiveSpread.Realized(trade.Price, trade.Sign, trade.Mid, _currentMid);
                LastPriceImpact = EffectiveSpread.PriceImpact(trade.Sign, trade.Mid, _currentMid);
                _realized.Add(LastRealizedSpread);
                _impact.Add(LastPriceImpact);
                Resolved++;
            }
            _head = _head + 1 == _pending.Length ? 0 : _head + 1;
            _count--;
        }
    }

    private readonly record struct PendingTrade(long DueNs, long Price, int Sign, double Mid);
}
