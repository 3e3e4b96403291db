using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.OrderBook;

/// <summary>
/// What <see cref="L2Book"/> and <see cref="L3Book"/> share: two price ladders, the read API, sequence gating,
/// crossed-book detection and snapshot loading. Not meant to be derived from outside this assembly.
/// </summary>
/// <remarks>
/// Books are not thread-safe: one owner (in the engine, the instrument's actor) applies events and serves reads.
/// </remarks>
public abstract class LevelBook : IBookView, ICheckpointState
{
    private readonly PriceLadder _bids = new(Side.Bid);
    private readonly PriceLadder _asks = new(Side.Ask);
    private readonly SequenceTracker _sequenceTracker = new();
    // The options read per event, copied here so that a book out of cache does not also load the options object.
    private readonly bool _checkSequence;
    private readonly CrossedBookPolicy _crossedPolicy;

    private protected LevelBook(InstrumentId instrument, BookOptions? options)
    {
        Instrument = instrument;
        Options = options ?? BookOptions.Default;
        _checkSequence = Options.CheckSequence;
        _crossedPolicy = Options.CrossedPolicy;
    }

    /// <inheritdoc />
    public InstrumentId Instrument { get; }

    /// <summary>The crossed-book policy and sequence checking in force.</summary>
    public BookOptions Options { get; }

    /// <summary>Everything refused or flagged so far, by category.</summary>
    public BookErrorCounts Errors { get; } = new();

    /// <inheritdoc />
    public long Version { get; private set; }

    /// <inheritdoc />
    public long Sequence { get; private set; }

    /// <inheritdoc />
    public long LastEventTimeNs { get; private set; }

    /// <inheritdoc />
    public bool ResyncRequired { get; private set; }

    /// <inheritdoc />
    public Level BestBid => _bids.LevelAtDepth(0);

    /// <inheritdoc />
    public Level BestAsk => _asks.LevelAtDepth(0);

    /// <inheritdoc />
    public bool IsCrossed => _bids.Count > 0 && _asks.Count > 0 && _bids.ReadAtDepth(0).Price > _asks.ReadAtDepth(0).Price;

    /// <summary>True when both sides are present and the best bid equals the best ask (valid, but worth knowing).</summary>
    public bool IsLocked => _bids.Count > 0 && _asks.Count > 0 && _bids.ReadAtDepth(0).Price == _asks.ReadAtDepth(0).Price;

    /// <inheritdoc />
    public int LevelCount(Side side) => Ladder(side).Count;

    /// <inheritdoc />
    public Level LevelAt(Side side, int depth) => Ladder(side).LevelAtDepth(depth);

    /// <inheritdoc />
    public int TopLevels(Side side, Span<Level> destination) => Ladder(side).CopyTop(destination);

    /// <inheritdoc />
    public int TopLevels(Side side, Span<long> prices, Span<long> sizes) => Ladder(side).CopyTop(prices, sizes);

    /// <summary>The total size resting at <paramref name="price"/> on <paramref name="side"/>, 0 when there is no level.</summary>
    public long SizeAt(Side side, long price)
    {
        PriceLadder ladder = Ladder(side);
        int index = ladder.Find(price);
        return index >= 0 ? ladder.ReadAt(index).Size : 0;
    }

    /// <summary>
    /// The shallowest depth (0 = best), over both sides, that may have changed since the previous call, or
    /// <see cref="int.MaxValue"/> if none did; a new or cleared book reports 0. Conservative (it may report a level
    /// rewritten with its own value, never miss a change), so a single reader of the top N levels (the symbol's
    /// features) can skip copying them again after an event deeper than N.
    /// </summary>
    public int TakeShallowestChange() => Math.Min(_bids.TakeShallowestChange(), _asks.TakeShallowestChange());

    /// <summary>
    /// Accounts for an event of the book's sequence stream that does not change the book (a hidden execution, a
    /// status message), so the sequence stays contiguous. Returns <see cref="ApplyResult.Applied"/>,
    /// <see cref="ApplyResult.AppliedAfterGap"/> or <see cref="ApplyResult.Duplicate"/>.
    /// </summary>
    public ApplyResult Skip(in EventHeader header)
    {
        Admit(header, continuesBatch: false, out ApplyResult admitted);
        return admitted;
    }

    /// <summary>Empties the book and clears <see cref="ResyncRequired"/> (the caller is about to rebuild it).</summary>
    public void Clear()
    {
        ClearContent();
        ResyncRequired = false;
        Touch();
    }

    /// <summary>
    /// Replaces the whole book with a snapshot taken at venue sequence <paramref name="sequence"/> and clears
    /// <see cref="ResyncRequired"/>. Levels may come in any order; levels with size 0 are skipped, negative sizes
    /// are counted as <see cref="BookErrorCounts.InvalidSize"/> and skipped, repeated prices are summed.
    /// </summary>
    public void LoadSnapshot(ReadOnlySpan<Level> bids, ReadOnlySpan<Level> asks, long sequence = 0, long exchangeTimeNs = 0)
    {
        ClearContent();
        LoadSide(_bids, bids);
        LoadSide(_asks, asks);
        CompleteSnapshot(new EventHeader(Instrument, exchangeTimeNs, exchangeTimeNs, sequence));
    }

    /// <summary>Marks the book as rebuilt from a snapshot taken at <paramref name="header"/>'s sequence.</summary>
    private protected void CompleteSnapshot(in EventHeader header)
    {
        _sequenceTracker.Reset(header.Sequence);
        Sequence = header.Sequence;
        LastEventTimeNs = header.ExchangeTimeNs;
        ResyncRequired = false;
        Touch();
    }

    private void LoadSide(PriceLadder ladder, ReadOnlySpan<Level> levels)
    {
        foreach (Level level in levels)
        {
            if (level.Size <= 0)
            {
                if (level.Size < 0)
                    Errors.Count(ApplyResult.InvalidSize);
                continue;
            }
            Level merged = level;
            int index = ladder.Find(level.Price);
            if (index < 0)
            {
                index = ~index;
            }
            else
            {
                // A repeated price: replace the level with one holding both sizes.
                ref PriceLadder.Entry existing = ref ladder.At(index);
                merged = level with { Size = existing.Size + level.Size, OrderCount = existing.OrderCount + level.OrderCount };
                ReleaseLevel(ref existing);
                ladder.RemoveAt(index);
            }
            SeedLevel(ladder, index, merged);
        }
    }

    /// <summary>
    /// Writes the whole book: instrument and options (checked on restore), version, sequence state, error counts, then each side's
    /// levels from the worst to the best (and, in an L3 book, every order in queue order).
    /// </summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointTag, CheckpointVersion);
        InstrumentCheckpoint.Write(ref writer, Instrument);
        writer.WriteInt64((long)Options.CrossedPolicy);
        writer.WriteBoolean(Options.CheckSequence);
        writer.WriteInt64(Version);
        writer.WriteInt64(Sequence);
        writer.WriteInt64(LastEventTimeNs);
        writer.WriteBoolean(ResyncRequired);
        _sequenceTracker.WriteCheckpoint(ref writer);
        Errors.WriteCheckpoint(ref writer);
        WriteContent(ref writer);
        writer.EndSection();
    }

    /// <summary>Replaces the whole book with the checkpoint's; the book must have the same <see cref="Options"/>.</summary>
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointTag, CheckpointVersion);
        InstrumentCheckpoint.ReadExpected(ref reader, Instrument);
        reader.ReadExpected((long)Options.CrossedPolicy, "the crossed-book policy");
        if (reader.ReadBoolean() != Options.CheckSequence)
            throw reader.Corrupt("sequence checking differs between the checkpoint and the book restored into");
        Version = reader.ReadInt64();
        Sequence = reader.ReadInt64();
        LastEventTimeNs = reader.ReadInt64();
        ResyncRequired = reader.ReadBoolean();
        _sequenceTracker.RestoreCheckpoint(ref reader);
        Errors.RestoreCheckpoint(ref reader);
        ClearContent();
        RestoreContent(ref reader);
        reader.EndSection();
    }

    /// <summary>The section tag of the concrete book.</summary>
    private protected abstract CheckpointSection CheckpointTag { get; }

    /// <summary>The newest section version the concrete book writes and reads.</summary>
    private protected abstract byte CheckpointVersion { get; }

    /// <summary>Writes the levels (and whatever else the concrete book holds).</summary>
    private protected abstract void WriteContent(ref CheckpointWriter writer);

    /// <summary>Reads what <see cref="WriteContent"/> wrote into a book whose content was just cleared.</summary>
    private protected abstract void RestoreContent(ref CheckpointReader reader);

    /// <summary>Creates (or merges into) the level at <paramref name="index"/> for a snapshot.</summary>
    private protected abstract void SeedLevel(PriceLadder ladder, int index, Level level);

    /// <summary>Forgets every level (and, in an L3 book, every order).</summary>
    private protected virtual void ClearContent()
    {
        _bids.Clear();
        _asks.Clear();
    }

    /// <summary>Releases what an L3 book keeps behind a level that the crossed policy is about to drop.</summary>
    private protected virtual void ReleaseLevel(ref PriceLadder.Entry level)
    {
    }

    private protected PriceLadder Ladder(Side side) => side == Side.Bid ? _bids : _asks;

    private protected PriceLadder Opposite(Side side) => side == Side.Bid ? _asks : _bids;

    private protected void Touch() => Version++;

    private protected void RequireResync() => ResyncRequired = true;

    /// <summary>
    /// Checks the event's sequence before it is applied. Returns false (with <paramref name="refusal"/> set) for a
    /// duplicate, which the caller must ignore; after a gap it returns true with <see cref="ApplyResult.AppliedAfterGap"/>
    /// in <paramref name="admitted"/> and sets <see cref="ResyncRequired"/>: the event is still applied, the caller decides.
    /// </summary>
    private protected bool Admit(in EventHeader header, bool continuesBatch, out ApplyResult admitted)
    {
        admitted = ApplyResult.Applied;
        if (_checkSequence)
        {
            SequenceCheck check = _sequenceTracker.Observe(header.Sequence, continuesBatch);
            if (check == SequenceCheck.Duplicate)
            {
                admitted = Errors.Count(ApplyResult.Duplicate);
                return false;
            }
            if (check == SequenceCheck.Gap)
            {
                admitted = Errors.Count(ApplyResult.AppliedAfterGap);
                ResyncRequired = true;
            }
        }
        if (header.Sequence != 0)
            Sequence = header.Sequence;
        LastEventTimeNs = header.ExchangeTimeNs;
        return true;
    }

    /// <summary>Combines the sequence verdict with the outcome of applying the event (refusals and cross reports win).</summary>
    private protected static ApplyResult Combine(ApplyResult admitted, ApplyResult outcome) =>
        outcome == ApplyResult.Applied ? admitted : outcome;

    /// <summary>True when a level at <paramref name="price"/> on <paramref name="side"/> would be strictly through the opposite best.</summary>
    private protected bool WouldCross(Side side, long price)
    {
        // The opposite best crosses us when it is better, by its own side's ordering, than our price.
        PriceLadder opposite = Opposite(side);
        return opposite.Count > 0 && opposite.IsBetter(opposite.ReadAtDepth(0).Price, price);
    }

    /// <summary>
    /// Applies the crossed-book policy to an event about to rest at <paramref name="price"/> on <paramref name="side"/>.
    /// Returns <see cref="ApplyResult.Applied"/> when nothing crosses, <see cref="ApplyResult.RejectedCrossed"/> when
    /// the caller must refuse the event, or the cross report to return once the event is applied.
    /// </summary>
    private protected ApplyResult CheckCross(Side side, long price)
    {
        if (!WouldCross(side, price))
            return ApplyResult.Applied;
        switch (_crossedPolicy)
        {
            case CrossedBookPolicy.Reject:
                return Errors.Count(ApplyResult.RejectedCrossed);
            case CrossedBookPolicy.ClearStaleLevels:
                PriceLadder opposite = Opposite(side);
                // The opposite ladder's "better than the incoming price" levels are exactly the ones it crosses.
                int stale = opposite.CountBetterThan(price);
                for (int d = 0; d < stale; d++)
                    ReleaseLevel(ref opposite.AtDepth(d));
                opposite.RemoveBest(stale);
                Errors.CountStaleLevelsCleared(stale);
                return ApplyResult.AppliedClearedStale;
            default:
                return Errors.Count(ApplyResult.AppliedCrossed);
        }
    }
}
