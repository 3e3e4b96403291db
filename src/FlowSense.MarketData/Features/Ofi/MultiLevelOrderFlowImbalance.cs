using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.Ofi;

/// <summary>
/// Multi-level OFI (Xu, Gould &amp; Howison 2019, "Multi-level order-flow imbalance in a limit order book"):
/// the contribution e_n of <see cref="OrderFlowEvent"/> computed separately at each of M levels, level m using the
/// m-th best bid and ask prices and sizes, and summed per level over the last N events. A vector output, raw size units.
/// <para>A level the view does not reach is empty (size 0), and empty sides are priced as
/// <see cref="OrderFlowEvent.AsQueues"/> says, so a level that vanishes contributes −q(previous) on the bid side
/// (+q on the ask side). An event is any change in the M levels; warm-up is one state, as for level-1 OFI.</para>
/// </summary>
public sealed class MultiLevelOrderFlowImbalance : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    // _state holds, in order: the previous state level by level (each level's four fields side by side), the per-level
    // sums, then the ring: one row of M contributions per event. Level by level, because books are mostly thin (about
    // one level a side in the ITCH sample): a thin book's previous state is then one line, where a column per field
    // put level 1 of each field on a line of its own, and over a thousand symbols each line is out of cache on every
    // update. The last event's contributions are the ring's newest row, and those being staged live on the stack: the
    // state keeps nothing it can do without.
    private const int BidPriceField = 0, BidSizeField = 1, AskPriceField = 2, AskSizeField = 3, LevelFields = 4;

    /// <summary>The previous state's fields, in the order a checkpoint holds them (a column of M levels each).</summary>
    private static ReadOnlySpan<int> PreviousStateFields => [BidPriceField, BidSizeField, AskPriceField, AskSizeField];

    /// <summary>Levels whose staged contributions fit on the stack; more are staged in an array of the instance's own.</summary>
    private const int StackLevels = 128;

    // Everything in one array: an update touches the previous state, the sums and one ring row, and when the
    // instrument's state is out of cache (a thousand symbols taking turns) one contiguous run of lines loads faster
    // than several arrays.
    private readonly long[] _state;
    private readonly long[]? _wideStaged; // only past StackLevels levels
    private readonly int _levels;
    private readonly int _eventWindow;
    private int _next;
    private int _filled;
    private bool _hasPrevious;
    // Per side, the levels of the stored state that may hold a quote: beyond them every level is stored empty
    // (±∞, size 0), so a thin book does not pay for M levels. M (nothing known) until the first update or a restore.
    private int _bidExtent;
    private int _askExtent;
    // The levels at which any row of the ring may be non-zero (rows are zero beyond): an update adds and evicts only
    // these, so a thin book does not touch the sums and rows of M levels either. It only grows; M after a restore.
    private int _rowReach;

    /// <param name="levels">M, the number of levels.</param>
    /// <param name="eventWindow">N, the number of events each level's sum covers.</param>
    public MultiLevelOrderFlowImbalance(int levels, int eventWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(eventWindow, 1);
        _eventWindow = eventWindow;
        _levels = levels;
        _bidExtent = _askExtent = levels;
        // One ring row of M contributions per event: all levels advance together, so they share one head.
        _state = new long[checked((LevelFields + 1 + eventWindow) * levels)];
        if (levels > StackLevels)
            _wideStaged = new long[levels];
    }

    public int Levels => _levels;

    public bool IsReady => EventCount > 0;

    public bool IsEventWindowFull => _filled == _eventWindow;

    public long EventCount { get; private set; }

    /// <summary>e_n at each level for the latest event; index 0 is level 1.</summary>
    public ReadOnlySpan<long> LastEvents => NewestRow;

    /// <summary>Σ e_n at each level over the last N events; index 0 is level 1.</summary>
    public ReadOnlySpan<long> OverEvents => Sums;

    /// <summary>Takes the next state of the top M levels.</summary>
    /// <returns>True when some level changed and an event was recorded.</returns>
    public bool Update(LevelView view)
    {
        // A repeated state is not an event, so e is staged first and committed only if some level changed.
        Span<long> staged = _wideStaged ?? stackalloc long[_levels];
        int staging = Stage(view, PreviousState, staged, ref _bidExtent, ref _askExtent, out long difference);
        if (!_hasPrevious)
        {
            _hasPrevious = true;
            return false;
        }
        if (difference == 0)
            return false;

        _rowReach = Math.Max(_rowReach, staging);
        Span<long> row = RingRows.Slice(_next * _levels, _rowReach);
        Span<long> sums = Sums[.._rowReach];
        bool evicting = _filled == _eventWindow;
        for (int m = 0; m < row.Length; m++)
        {
            long e = staged[m];
            sums[m] += evicting ? e - row[m] : e;
            row[m] = e;
        }
        EventCount++;
        if (!evicting)
            _filled++;
        _next = _next + 1 == _eventWindow ? 0 : _next + 1;
        return true;
    }

    /// <summary>Writes the previous M-level state, the last event and the per-level sums, and the ring of contributions.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.MultiLevelOrderFlowImbalance, CheckpointVersion);
        writer.WriteInt64(Levels);
        writer.WriteInt64(_eventWindow);
        writer.WriteBoolean(_hasPrevious);
        writer.WriteInt64(EventCount);
        writer.WriteInt32(_next);
        writer.WriteInt32(_filled);
        ReadOnlySpan<long> previous = PreviousState;
        foreach (int field in PreviousStateFields)
        {
            for (int m = 0; m < _levels; m++)
                writer.WriteInt64(previous[m * LevelFields + field]);
        }
        writer.WriteInt64s(NewestRow); // the last event's contributions, where the format has always had them
        writer.WriteInt64s(Sums);
        // Rows not yet filled are zero; only the filled ones are state (when not full, they are rows 0.._filled-1).
        writer.WriteInt64s(RingRows[..(_filled * _levels)]);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.MultiLevelOrderFlowImbalance, CheckpointVersion);
        reader.ReadExpected(Levels, "the level count");
        reader.ReadExpected(_eventWindow, "the event window");
        _hasPrevious = reader.ReadBoolean();
        EventCount = reader.ReadInt64();
        _next = reader.ReadCount(_eventWindow - 1, "the ring position");
        _filled = reader.ReadCount(_eventWindow, "the filled rows");
        if (_filled < _eventWindow && _next != _filled)
            throw reader.Corrupt($"a window holding {_filled} events has its next row at {_next}");
        Span<long> previous = PreviousState;
        foreach (int field in PreviousStateFields)
        {
            for (int m = 0; m < _levels; m++)
                previous[m * LevelFields + field] = reader.ReadInt64();
        }
        Span<long> lastEvents = _wideStaged ?? stackalloc long[_levels]; // scratch, as when staging an update
        reader.ReadInt64s(lastEvents);
        reader.ReadInt64s(Sums);
        RingRows.Clear();
        reader.ReadInt64s(RingRows[..(_filled * _levels)]);
        if (!lastEvents.SequenceEqual(NewestRow))
            throw reader.Corrupt("the last event's contributions differ from the newest row of the ring");
        _bidExtent = _askExtent = _rowReach = Levels;
        reader.EndSection();
    }

    private Span<long> PreviousState => _state.AsSpan(0, LevelFields * _levels);

    private Span<long> Sums => _state.AsSpan(LevelFields * _levels, _levels);

    private Span<long> RingRows => _state.AsSpan((LevelFields + 1) * _levels);

    // The row written last (zeros before the first event: the ring's last row, not yet written).
    private Span<long> NewestRow => RingRows.Slice(((_next == 0 ? _eventWindow : _next) - 1) * _levels, _levels);

    /// <summary>
    /// Stages e at every level into <paramref name="staged"/> and stores the view as the new previous state. Empty
    /// levels, and levels the view does not reach, are priced as <see cref="OrderFlowEvent.AsQueues"/> says.
    /// Levels beyond both the view and a side's extent (the stored state's reach) are empty before and after: their
    /// part of e is 0 and they are left alone; each extent becomes the view's reach. Returns how many levels were
    /// staged (0 beyond them), and in <paramref name="difference"/> non-zero if any price or size changed.
    /// </summary>
    /// <remarks>
    /// Scalar, one level (both sides) at a time, over the level-by-level state: about a third slower than a four-wide
    /// vector loop over a column per field for a book ten levels deep in cache, but that layout cost a line per field
    /// on every update of a thin book out of cache, which is the common case (see the layout note above).
    /// </remarks>
    private static int Stage(LevelView view, Span<long> previous, Span<long> staged, ref int bidExtent, ref int askExtent, out long difference)
    {
        ReadOnlySpan<long> bidPrices = view.BidPrices, bidSizes = view.BidSizes, askPrices = view.AskPrices, askSizes = view.AskSizes;
        int bidReach = Math.Min(staged.Length, bidSizes.Length), askReach = Math.Min(staged.Length, askSizes.Length);
        int end = Math.Max(Math.Max(bidExtent, bidReach), Math.Max(askExtent, askReach));
        bidExtent = bidReach;
        askExtent = askReach;
        staged[end..].Clear();
        long changed = 0;
        for (int m = 0; m < end; m++)
        {
            long bidSize = m < bidReach ? bidSizes[m] : 0, askSize = m < askReach ? askSizes[m] : 0;
            long bidPrice = bidSize == 0 ? long.MinValue : bidPrices[m], askPrice = askSize == 0 ? long.MaxValue : askPrices[m];
            Span<long> level = previous.Slice(m * LevelFields, LevelFields);
            long previousBidPrice = level[BidPriceField], previousBidSize = level[BidSizeField];
            long previousAskPrice = level[AskPriceField], previousAskSize = level[AskSizeField];
            changed |= (bidPrice ^ previousBidPrice) | (bidSize ^ previousBidSize) | (askPrice ^ previousAskPrice) | (askSize ^ previousAskSize);
            level[BidPriceField] = bidPrice;
            level[BidSizeField] = bidSize;
            level[AskPriceField] = askPrice;
            level[AskSizeField] = askSize;
            staged[m] = OrderFlowEvent.BidFlow(previousBidPrice, previousBidSize, bidPrice, bidSize)
                + OrderFlowEvent.AskFlow(previousAskPrice, previousAskSize, askPrice, askSize);
        }
        difference = changed;
        return end;
    }
}
