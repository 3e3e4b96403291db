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

    // _state holds the levels, then the ring. Each level is five fields side by side: its previous bid and ask prices
    // and sizes, and its sum over the window. Level by level, because books are mostly thin (an update of the synthetic
    // ITCH feed stages 1.96 levels on average): over a thousand symbols every line of this state is out of cache on
    // each update, and a thin book's levels are then one line or two, where a column per field put each field's
    // level 1 on a line of its own.
    //
    // The ring keeps one row per event, oldest first: the row's length, then its contributions from level 1 up to the
    // last non-zero one (1.82 of them on average in that feed, against M = 10 in a fixed-width row), so an update
    // writes the head and evicts the tail in about a line each. A row never wraps: one that would pass the ring's end
    // starts at 0 instead, and the oldest row is read at 0 by the same rule.
    private const int BidPriceField = 0, BidSizeField = 1, AskPriceField = 2, AskSizeField = 3, SumField = 4, LevelFields = 5;

    /// <summary>The previous state's fields, in the order a checkpoint holds them (a column of M levels each).</summary>
    private static ReadOnlySpan<int> PreviousStateFields => [BidPriceField, BidSizeField, AskPriceField, AskSizeField];

    /// <summary>Levels whose staged contributions fit on the stack; more are staged in an array of the instance's own.</summary>
    private const int StackLevels = 128;

    // Everything in one array: an update touches its levels and the ring's two ends, and when the instrument's state
    // is out of cache (a thousand symbols taking turns) one contiguous run of lines loads faster than several arrays.
    private readonly long[] _state;
    private readonly long[]? _wideStaged; // only past StackLevels levels
    private readonly long[] _reads; // LastEvents, then OverEvents: gathered on a read
    private readonly int _levels;
    private readonly int _eventWindow;
    private int _next;   // the ring row the next event takes, 0..N-1: a checkpoint lists rows by this position
    private int _filled; // rows in the window
    private int _head;   // where the next row is written, from the ring's start
    private int _tail;   // where the oldest row starts
    private int _newest; // where the newest row starts
    private bool _hasPrevious;
    // Per side, the levels of the stored state that may hold a quote: beyond them every level is stored empty
    // (±∞, size 0), so a thin book does not pay for M levels. M (nothing known) until the first update or a restore.
    private int _bidExtent;
    private int _askExtent;

    /// <param name="levels">M, the number of levels.</param>
    /// <param name="eventWindow">N, the number of events each level's sum covers.</param>
    public MultiLevelOrderFlowImbalance(int levels, int eventWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(eventWindow, 1);
        _eventWindow = eventWindow;
        _levels = levels;
        _bidExtent = _askExtent = levels;
        // N rows of at most M + 1 longs, and room for the gap a row that would wrap leaves at the end.
        _state = new long[checked(LevelFields * levels + (eventWindow + 1) * (levels + 1))];
        _reads = new long[2 * levels];
        if (levels > StackLevels)
            _wideStaged = new long[levels];
    }

    public int Levels => _levels;

    public bool IsReady => EventCount > 0;

    public bool IsEventWindowFull => _filled == _eventWindow;

    public long EventCount { get; private set; }

    /// <summary>e_n at each level for the latest event; index 0 is level 1. Gathered on each read: valid until the next read.</summary>
    public ReadOnlySpan<long> LastEvents
    {
        get
        {
            // The newest row, M wide: zeros past its length, and all zeros before the first event.
            Span<long> last = _reads.AsSpan(0, _levels);
            last.Clear();
            if (_filled > 0)
                Ring.Slice(_newest + 1, (int)Ring[_newest]).CopyTo(last);
            return last;
        }
    }

    /// <summary>Σ e_n at each level over the last N events; index 0 is level 1. Gathered on each read: valid until the next read.</summary>
    public ReadOnlySpan<long> OverEvents
    {
        get
        {
            Span<long> sums = _reads.AsSpan(_levels);
            ReadOnlySpan<long> levels = LevelState;
            for (int m = 0; m < _levels; m++)
                sums[m] = levels[m * LevelFields + SumField];
            return sums;
        }
    }

    /// <summary>Takes the next state of the top M levels.</summary>
    /// <returns>True when some level changed and an event was recorded.</returns>
    public bool Update(in LevelView view)
    {
        // A repeated state is not an event, so e is staged first and committed only if some level changed.
        Span<long> staged = _wideStaged ?? stackalloc long[_levels];
        int length = Stage(view, LevelState, staged, ref _bidExtent, ref _askExtent, out long difference);
        if (!_hasPrevious)
        {
            _hasPrevious = true;
            return false;
        }
        if (difference == 0)
            return false;

        Span<long> levels = LevelState, ring = Ring;
        if (_filled == _eventWindow)
        {
            int tail = RowStart(_tail);
            int evicted = (int)ring[tail];
            for (int m = 0; m < evicted; m++)
                levels[m * LevelFields + SumField] -= ring[tail + 1 + m];
            _tail = tail + 1 + evicted;
        }
        else
        {
            _filled++;
        }
        while (length > 0 && staged[length - 1] == 0)
            length--;
        int head = RowStart(_head);
        ring[head] = length;
        for (int m = 0; m < length; m++)
        {
            long e = staged[m];
            levels[m * LevelFields + SumField] += e;
            ring[head + 1 + m] = e;
        }
        _newest = head;
        _head = head + 1 + length;
        EventCount++;
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
        ReadOnlySpan<long> levels = LevelState;
        foreach (int field in PreviousStateFields)
        {
            for (int m = 0; m < _levels; m++)
                writer.WriteInt64(levels[m * LevelFields + field]);
        }
        writer.WriteInt64s(LastEvents); // the last event's contributions, where the format has always had them
        writer.WriteInt64s(OverEvents);
        // The format's ring: rows of M contributions by position, 0.._filled-1. Until the window is full that is the
        // order they came in; then the oldest is at _next, and position 0 holds the row of age N - _next (0 = oldest).
        int ageAtZero = _filled == _eventWindow ? (_eventWindow - _next) % _eventWindow : 0;
        int start = SkipRows(_tail, ageAtZero);
        for (int age = ageAtZero; age < _filled; age++)
            start = WriteRow(ref writer, start);
        start = _tail;
        for (int age = 0; age < ageAtZero; age++)
            start = WriteRow(ref writer, start);
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
        Span<long> levels = LevelState;
        foreach (int field in PreviousStateFields)
        {
            for (int m = 0; m < _levels; m++)
                levels[m * LevelFields + field] = reader.ReadInt64();
        }
        Span<long> lastEvents = _wideStaged ?? stackalloc long[_levels]; // scratch, as when staging an update
        reader.ReadInt64s(lastEvents);
        for (int m = 0; m < _levels; m++)
            levels[m * LevelFields + SumField] = reader.ReadInt64();

        // Restored rows keep all M contributions: at M + 1 longs each they sit back to back from the ring's start, in the
        // order they came in, wherever the format lists them. Trimmed rows replace them as they leave the window.
        Span<long> ring = Ring;
        ring.Clear();
        int row = _levels + 1;
        for (int position = 0; position < _filled; position++)
        {
            int age = _filled == _eventWindow ? (position - _next + _eventWindow) % _eventWindow : position;
            ring[age * row] = _levels;
            reader.ReadInt64s(ring.Slice(age * row + 1, _levels));
        }
        _tail = 0;
        _newest = Math.Max(0, _filled - 1) * row;
        _head = _filled * row;
        bool lastMatches = _filled == 0 ? lastEvents.IndexOfAnyExcept(0L) < 0 : lastEvents.SequenceEqual(ring.Slice(_newest + 1, _levels));
        if (!lastMatches)
            throw reader.Corrupt("the last event's contributions differ from the newest row of the ring");
        _bidExtent = _askExtent = Levels;
        reader.EndSection();
    }

    /// <summary>Writes the row starting at or wrapped from <paramref name="start"/> as M contributions; returns where the next row starts.</summary>
    private int WriteRow(ref CheckpointWriter writer, int start)
    {
        start = RowStart(start);
        int length = (int)Ring[start];
        writer.WriteInt64s(Ring.Slice(start + 1, length));
        for (int m = length; m < _levels; m++)
            writer.WriteInt64(0);
        return start + 1 + length;
    }

    /// <summary>Where the row <paramref name="count"/> rows after the one at <paramref name="start"/> starts.</summary>
    private int SkipRows(int start, int count)
    {
        for (int i = 0; i < count; i++)
        {
            start = RowStart(start);
            start += 1 + (int)Ring[start];
        }
        return start;
    }

    private Span<long> LevelState => _state.AsSpan(0, LevelFields * _levels);

    private Span<long> Ring => _state.AsSpan(LevelFields * _levels);

    /// <summary>Where a row at <paramref name="position"/> starts: there, or at 0 if a row of M contributions would pass the ring's end.</summary>
    private int RowStart(int position) => position + 1 + _levels > _state.Length - LevelFields * _levels ? 0 : position;

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
    private static int Stage(in LevelView view, Span<long> previous, Span<long> staged, ref int bidExtent, ref int askExtent, out long difference)
    {
        ReadOnlySpan<long> bidPrices = view.BidPrices, bidSizes = view.BidSizes, askPrices = view.AskPrices, askSizes = view.AskSizes;
        int bidReach = Math.Min(staged.Length, bidSizes.Length), askReach = Math.Min(staged.Length, askSizes.Length);
        int end = Math.Max(Math.Max(bidExtent, bidReach), Math.Max(askExtent, askReach));
        bidExtent = bidReach;
        askExtent = askReach;
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
