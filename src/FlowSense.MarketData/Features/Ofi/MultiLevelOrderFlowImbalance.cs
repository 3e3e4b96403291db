using System.Runtime.Intrinsics;
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

    // Column indices into _state, M longs each: the previous state per side and the per-level sums. After the columns,
    // the ring: one row of M contributions per event. The last event's contributions are the ring's newest row, and
    // those being staged live on the stack: over a thousand symbols each column is a line or two out of cache on
    // every update, so the state keeps no column it can do without.
    private const int BidPriceColumn = 0, BidSizeColumn = 1, AskPriceColumn = 2, AskSizeColumn = 3, SumColumn = 4, Columns = 5;

    /// <summary>The previous state's columns, in the order a checkpoint holds them.</summary>
    private static ReadOnlySpan<int> PreviousStateColumns => [BidPriceColumn, BidSizeColumn, AskPriceColumn, AskSizeColumn];

    /// <summary>Levels whose staged contributions fit on the stack; more are staged in an array of the instance's own.</summary>
    private const int StackLevels = 128;

    // Everything in one array: an update touches every column and one ring row, and when the instrument's state is
    // out of cache (a thousand symbols taking turns) one contiguous run of lines loads faster than several arrays.
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
        _state = new long[checked((Columns + eventWindow) * levels)];
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
    public ReadOnlySpan<long> OverEvents => Column(SumColumn);

    /// <summary>Takes the next state of the top M levels.</summary>
    /// <returns>True when some level changed and an event was recorded.</returns>
    public bool Update(LevelView view)
    {
        // A repeated state is not an event, so e is staged first and committed only if some level changed.
        // Sides are stored and processed apart (one column per field) so the loops stay branch-light.
        Span<long> staged = _wideStaged ?? stackalloc long[_levels];
        long difference = StageSide(view.BidPrices, view.BidSizes, Column(BidPriceColumn), Column(BidSizeColumn), staged, ref _bidExtent, isBid: true);
        difference |= StageSide(view.AskPrices, view.AskSizes, Column(AskPriceColumn), Column(AskSizeColumn), staged, ref _askExtent, isBid: false);
        if (!_hasPrevious)
        {
            _hasPrevious = true;
            return false;
        }
        if (difference == 0)
            return false;

        Span<long> row = RingRows.Slice(_next * _levels, _levels);
        Span<long> sums = Column(SumColumn);
        bool evicting = _filled == _eventWindow;
        for (int m = 0; m < staged.Length; m++)
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
        foreach (int column in PreviousStateColumns)
            writer.WriteInt64s(Column(column));
        writer.WriteInt64s(NewestRow); // the last event's contributions, where the format has always had them
        writer.WriteInt64s(Column(SumColumn));
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
        foreach (int column in PreviousStateColumns)
            reader.ReadInt64s(Column(column));
        Span<long> lastEvents = _wideStaged ?? stackalloc long[_levels]; // scratch, as when staging an update
        reader.ReadInt64s(lastEvents);
        reader.ReadInt64s(Column(SumColumn));
        RingRows.Clear();
        reader.ReadInt64s(RingRows[..(_filled * _levels)]);
        if (!lastEvents.SequenceEqual(NewestRow))
            throw reader.Corrupt("the last event's contributions differ from the newest row of the ring");
        _bidExtent = _askExtent = Levels;
        reader.EndSection();
    }

    private Span<long> Column(int column) => _state.AsSpan(column * _levels, _levels);

    private Span<long> RingRows => _state.AsSpan(Columns * _levels);

    // The row written last (zeros before the first event: the ring's last row, not yet written).
    private Span<long> NewestRow => RingRows.Slice(((_next == 0 ? _eventWindow : _next) - 1) * _levels, _levels);

    /// <summary>
    /// Adds one side's part of e at every level into <paramref name="staged"/> (the bid side first overwrites it)
    /// and stores the new side. Empty levels, and levels the view does not reach, are priced as
    /// <see cref="OrderFlowEvent.AsQueues"/> says. Returns non-zero if any price or size changed.
    /// Levels beyond both the view and <paramref name="extent"/> (the stored state's) are empty before and after:
    /// their part of e is 0 and they are left alone; <paramref name="extent"/> becomes the view's reach.
    /// </summary>
    private static long StageSide(
        ReadOnlySpan<long> prices, ReadOnlySpan<long> sizes, Span<long> previousPrices, Span<long> previousSizes, Span<long> staged, ref int extent, bool isBid)
    {
        int reach = Math.Min(staged.Length, sizes.Length);
        int end = Math.Max(extent, reach);
        extent = reach;
        if (isBid)
            staged[end..].Clear();
        long emptyPrice = isBid ? long.MinValue : long.MaxValue;
        int m = 0;
        long difference = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Four levels at a time where the view reaches; the scalar loop below finishes the rest.
            int vectorEnd = Math.Min(staged.Length, sizes.Length) & ~(Vector256<long>.Count - 1);
            Vector256<long> empty = Vector256.Create(emptyPrice);
            Vector256<long> changed = Vector256<long>.Zero;
            for (; m < vectorEnd; m += Vector256<long>.Count)
            {
                Vector256<long> size = Vector256.Create(sizes.Slice(m, Vector256<long>.Count));
                Vector256<long> price = Vector256.ConditionalSelect(
                    Vector256.Equals(size, Vector256<long>.Zero), empty, Vector256.Create(prices.Slice(m, Vector256<long>.Count)));
                Span<long> previousPrice = previousPrices.Slice(m, Vector256<long>.Count);
                Span<long> previousSize = previousSizes.Slice(m, Vector256<long>.Count);
                Vector256<long> oldPrice = Vector256.Create<long>(previousPrice);
                Vector256<long> oldSize = Vector256.Create<long>(previousSize);
                changed |= (price ^ oldPrice) | (size ^ oldSize);
                price.CopyTo(previousPrice);
                size.CopyTo(previousSize);

                // All-ones lanes where the indicator is 1: e_bid = (up & q) − (down & q_prev), the ask mirrored.
                Vector256<long> up = Vector256.GreaterThanOrEqual(price, oldPrice);
                Vector256<long> down = Vector256.LessThanOrEqual(price, oldPrice);
                Span<long> target = staged.Slice(m, Vector256<long>.Count);
                Vector256<long> e = isBid
                    ? (up & size) - (down & oldSize)
                    : Vector256.Create<long>(target) + (up & oldSize) - (down & size);
                e.CopyTo(target);
            }
            difference = changed == Vector256<long>.Zero ? 0 : 1;
        }

        for (; m < end; m++)
        {
            long size = m < sizes.Length ? sizes[m] : 0;
            long price = size == 0 ? emptyPrice : prices[m];
            long previousPrice = previousPrices[m];
            long previousSize = previousSizes[m];
            difference |= (price ^ previousPrice) | (size ^ previousSize);
            previousPrices[m] = price;
            previousSizes[m] = size;

            if (isBid)
                staged[m] = OrderFlowEvent.BidFlow(previousPrice, previousSize, price, size);
            else
                staged[m] += OrderFlowEvent.AskFlow(previousPrice, previousSize, price, size);
        }
        return difference;
    }
}
