using FlowSense.MarketData.Features.RollingWindows;

namespace FlowSense.MarketData.Features.Ofi;

/// <summary>
/// Multi-level OFI (Xu, Gould &amp; Howison 2019, "Multi-level order-flow imbalance in a limit order book"):
/// the contribution e_n of <see cref="OrderFlowEvent"/> computed separately at each of M levels, level m using the
/// m-th best bid and ask prices and sizes, and summed per level over the last N events. A vector output, raw size units.
/// <para>A level the view does not reach is read as size 0 at its previous price, so a level that vanishes
/// contributes −q(previous) on the bid side (+q on the ask side), as a price move away would. An event is any
/// change in the M levels; warm-up is one state, as for level-1 OFI.</para>
/// </summary>
public sealed class MultiLevelOrderFlowImbalance
{
    private readonly TopOfBook[] _previous;
    private readonly long[] _lastEvents;
    private readonly long[] _staged;
    private readonly long[] _sums;
    private readonly long[] _ring;
    private readonly int _eventWindow;
    private int _next;
    private int _filled;
    private bool _hasPrevious;

    /// <param name="levels">M, the number of levels.</param>
    /// <param name="eventWindow">N, the number of events each level's sum covers.</param>
    public MultiLevelOrderFlowImbalance(int levels, int eventWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(eventWindow, 1);
        _eventWindow = eventWindow;
        _previous = new TopOfBook[levels];
        _lastEvents = new long[levels];
        _staged = new long[levels];
        _sums = new long[levels];
        // One ring row of M contributions per event: all levels advance together, so they share one head.
        _ring = new long[levels * eventWindow];
    }

    public int Levels => _previous.Length;

    public bool IsReady => EventCount > 0;

    public bool IsEventWindowFull => _filled == _eventWindow;

    public long EventCount { get; private set; }

    /// <summary>e_n at each level for the latest event; index 0 is level 1.</summary>
    public ReadOnlySpan<long> LastEvents => _lastEvents;

    /// <summary>Σ e_n at each level over the last N events; index 0 is level 1.</summary>
    public ReadOnlySpan<long> OverEvents => _sums;

    /// <summary>Takes the next state of the top M levels.</summary>
    /// <returns>True when some level changed and an event was recorded.</returns>
    public bool Update(LevelView view)
    {
        // A repeated state is not an event, so e is staged first and committed only if some level changed.
        // Overwriting _previous meanwhile is harmless: unchanged levels are written back as they were.
        Span<TopOfBook> previousLevels = _previous;
        Span<long> staged = _staged;
        ReadOnlySpan<long> bidPrices = view.BidPrices;
        ReadOnlySpan<long> bidSizes = view.BidSizes;
        ReadOnlySpan<long> askPrices = view.AskPrices;
        ReadOnlySpan<long> askSizes = view.AskSizes;
        bool changed = false;
        for (int m = 0; m < previousLevels.Length; m++)
        {
            ref TopOfBook previous = ref previousLevels[m];
            bool hasBid = m < bidPrices.Length;
            bool hasAsk = m < askPrices.Length;
            var current = new TopOfBook(
                hasBid ? bidPrices[m] : previous.BidPrice, hasBid ? bidSizes[m] : 0,
                hasAsk ? askPrices[m] : previous.AskPrice, hasAsk ? askSizes[m] : 0);
            changed |= current.BidPrice != previous.BidPrice || current.BidSize != previous.BidSize
                || current.AskPrice != previous.AskPrice || current.AskSize != previous.AskSize;
            staged[m] = OrderFlowEvent.Between(previous, current);
            previous = current;
        }
        if (!_hasPrevious)
        {
            _hasPrevious = true;
            return false;
        }
        if (!changed)
            return false;

        int levels = previousLevels.Length;
        Span<long> row = _ring.AsSpan(_next * levels, levels);
        Span<long> sums = _sums;
        Span<long> lastEvents = _lastEvents;
        bool evicting = _filled == _eventWindow;
        for (int m = 0; m < staged.Length; m++)
        {
            long e = staged[m];
            sums[m] += evicting ? e - row[m] : e;
            row[m] = e;
            lastEvents[m] = e;
        }
        EventCount++;
        if (!evicting)
            _filled++;
        _next = _next + 1 == _eventWindow ? 0 : _next + 1;
        return true;
    }
}
