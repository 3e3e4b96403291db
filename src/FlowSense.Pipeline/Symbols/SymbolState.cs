using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;
using FlowSense.Pipeline.Snapshots;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// Everything one instrument's events build: its book (L1, L2 or L3), its microstructure features, its time bars and
/// the indicators on them. A plain class with no actor types, so it can be tested alone and snapshotted later; a
/// <see cref="SymbolActor"/> owns one per incarnation. Not thread-safe.
/// </summary>
/// <remarks>
/// <para><b>Order of work per event.</b> The sequence is checked first (per kind, <see cref="SequenceWatermarks"/>);
/// a duplicate stops there. Then: a trade goes to the features and the bars (and to an L1 book); a quote to an L1
/// book and the features; an L2 delta to the book, and once its venue message is complete (flag
/// <see cref="DeltaFlags.LastInBatch"/>, outside a snapshot in progress) the book's top levels go to the features;
/// an L3 order event to the book, then the top levels to the features. This is exactly what the market-data core
/// does when driven by hand, which the pipeline tests check.</para>
/// <para><b>Bars</b> are built from trades only and stamped with the start of their period (LEAN's convention: the
/// 1-minute bar stamped 14:30:00 holds 14:30:00 ≤ t &lt; 14:31:00, its end is 14:31:00). A bar closes as soon as any
/// applied event — trade, quote, book update, order event, status — carries an exchange time at or after its end, as
/// LEAN's consolidators close on any data that advances the clock; so a quiet instrument's bars close on its quotes
/// or book updates, and only the last bar of a replay stays open. A trade that arrives after the clock has passed its
/// period is left out of the bars and counted (<see cref="TradesLeftOutOfBars"/>), never merged into a later bar.
/// Closed bars feed the indicator set of their time frame and are kept (the last K) for queries.</para>
/// </remarks>
public sealed class SymbolState : IBarSink, ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly SymbolSettings _settings;
    // Read on every event: copied out of the settings so a state out of cache does not first load the settings and
    // the instrument behind them.
    private readonly InstrumentId _instrument;
    private readonly bool _countsGaps;
    private readonly SequenceWatermarks _sequences;
    private readonly SymbolCounters _counters;
    private readonly L1Book? _l1;
    private readonly LevelBook? _levels;
    private readonly MultiTimeframeBarAggregator _bars;
    // The bars' own quiet period, copied here: an event before it closes no bar, and most events then need not load
    // the aggregator's line at all (over a thousand symbols it is out of cache on every visit).
    private long _barsQuietUntilNs = long.MinValue;
    private readonly Dictionary<TimeFrame, BarHistory> _history = [];
    private readonly Dictionary<TimeFrame, IndicatorSet> _indicators = [];
    private readonly List<(TimeFrame TimeFrame, Bar Bar)> _closed = [];
    private readonly TopLevelBuffer _topLevels;
    private bool _lastLevelsAccepted; // the features took the book's top levels as they now are (see FeedLevels)

    /// <summary>A fresh state. <paramref name="sequences"/> and <paramref name="counters"/> outlive it (see <see cref="SymbolEntry"/>).</summary>
    public SymbolState(SymbolSettings settings, SequenceWatermarks? sequences = null, SymbolCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _instrument = settings.Instrument.Id;
        _countsGaps = settings.SequenceScope == SequenceScope.PerInstrument;
        _sequences = sequences ?? new SequenceWatermarks();
        _counters = counters ?? new SymbolCounters();
        var id = settings.Instrument.Id;
        switch (settings.BookType)
        {
            case BookType.L1:
                _l1 = new L1Book(id, settings.BookOptions.CrossedPolicy);
                break;
            case BookType.L2:
                _levels = new L2Book(id, settings.BookOptions);
                break;
            case BookType.L3:
                _levels = new L3Book(id, settings.BookOptions);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.BookType, "Unknown book type.");
        }
        Features = new MicrostructureFeatures(settings.Features);
        _bars = new MultiTimeframeBarAggregator(settings.BarTimeFrames, this, settings.SaleConditions);
        foreach (TimeFrame frame in _bars.TimeFrames)
        {
            _history[frame] = new BarHistory(settings.BarHistory);
            _indicators[frame] = new IndicatorSet(settings.Instrument, settings.Indicators);
        }
        _topLevels = new TopLevelBuffer(settings.FeatureDepth);
    }

    public SymbolSettings Settings => _settings;

    public Instrument Instrument => _settings.Instrument;

    /// <summary>The book, whichever its type.</summary>
    public IBookView Book => (IBookView?)_levels ?? _l1!;

    public MicrostructureFeatures Features { get; }

    public SymbolCounters Counters => _counters;

    public SequenceWatermarks Sequences => _sequences;

    /// <summary>The time frames bars are built for, shortest first.</summary>
    public IReadOnlyList<TimeFrame> TimeFrames => _bars.TimeFrames;

    /// <summary>Trades the bar builder left out: by sale condition, or late for their period.</summary>
    public long TradesLeftOutOfBars => _bars.ExcludedTrades + _bars.LateTrades;

    /// <summary>The last trading status seen (Trading until a status event says otherwise).</summary>
    public TradingStatus Status { get; private set; } = TradingStatus.Trading;

    /// <summary>Bars closed since the last <see cref="ClearClosedBars"/>, shortest time frame first within a trade.</summary>
    public IReadOnlyList<(TimeFrame TimeFrame, Bar Bar)> ClosedBars => _closed;

    public void ClearClosedBars() => _closed.Clear();

    /// <summary>Applies one event; never throws for bad input (it is refused and counted).</summary>
    public EventOutcome Apply(in MarketEvent e)
    {
        if (e.Kind == MarketEventKind.None || e.Header.Instrument != _instrument)
            return Count(EventOutcome.Rejected, e);

        var check = _sequences.Observe(e);
        if (check == SequenceCheck.Duplicate)
            return Count(EventOutcome.Duplicate, e);

        var outcome = e.Kind switch
        {
            MarketEventKind.Trade => OnTrade(e.AsTrade()),
            MarketEventKind.Quote => OnQuote(e.AsQuote()),
            MarketEventKind.BookDelta => OnDelta(e.AsBookDelta()),
            MarketEventKind.Order => OnOrder(e.AsOrder()),
            MarketEventKind.Status => OnStatus(e.AsStatus()),
            _ => EventOutcome.Rejected,
        };
        // Exchange time moved: bars whose period has ended close now, not on the instrument's next trade (as LEAN's
        // consolidators do), so a quiet instrument's last bar is current. A trade did this itself in the aggregator.
        if (outcome == EventOutcome.Applied && e.Kind != MarketEventKind.Trade && e.Header.ExchangeTimeNs >= _barsQuietUntilNs)
        {
            _bars.AdvanceTo(e.Header.ExchangeTimeNs);
            _barsQuietUntilNs = _bars.QuietUntilNs;
        }
        if (outcome == EventOutcome.Applied && check == SequenceCheck.Gap && _countsGaps)
        {
            _counters.CountGap();
            outcome = EventOutcome.AppliedAfterGap;
        }
        return Count(outcome, e);
    }

    /// <summary>The last <paramref name="count"/> closed bars of <paramref name="timeFrame"/>, oldest first.</summary>
    public Bar[] RecentBars(TimeFrame timeFrame, int count) => _history.TryGetValue(timeFrame, out var h) ? h.Last(count) : [];

    /// <summary>The indicator values of <paramref name="timeFrame"/> after its last closed bar.</summary>
    public IndicatorValue[] IndicatorValues(TimeFrame timeFrame) => _indicators.TryGetValue(timeFrame, out var set) ? set.Values() : [];

    void IBarSink.OnBar(TimeFrame timeFrame, in Bar bar)
    {
        _history[timeFrame].Add(bar);
        _indicators[timeFrame].OnBar(bar);
        _closed.Add((timeFrame, bar));
    }

    private EventOutcome OnTrade(in Trade trade)
    {
        if (!Features.OnTrade(trade))
            return EventOutcome.Rejected;
        _l1?.Apply(trade);
        _bars.OnTrade(trade);
        _barsQuietUntilNs = _bars.QuietUntilNs;
        return EventOutcome.Applied;
    }

    private EventOutcome OnQuote(in Quote quote)
    {
        if (_l1 is null)
            return EventOutcome.Skipped;
        if (!_l1.Apply(quote).IsApplied())
            return EventOutcome.Rejected;
        return Features.OnTopOfBook(quote.Header.ExchangeTimeNs, new TopOfBook(quote.BidPrice, quote.BidSize, quote.AskPrice, quote.AskSize))
            ? EventOutcome.Applied : EventOutcome.Rejected;
    }

    private EventOutcome OnDelta(in BookDelta delta)
    {
        if (_levels is not L2Book book)
            return EventOutcome.Skipped;
        if (!book.Apply(delta).IsApplied())
            return EventOutcome.Rejected;
        bool messageComplete = (delta.Flags & DeltaFlags.LastInBatch) != 0;
        return !messageComplete || FeedLevels(delta.Header.ExchangeTimeNs) ? EventOutcome.Applied : EventOutcome.Rejected;
    }

    private EventOutcome OnOrder(in OrderEvent order)
    {
        if (_levels is not L3Book book)
            return EventOutcome.Skipped;
        if (!book.Apply(order).IsApplied())
            return EventOutcome.Rejected;
        return FeedLevels(order.Header.ExchangeTimeNs) ? EventOutcome.Applied : EventOutcome.Rejected;
    }

    private EventOutcome OnStatus(in StatusEvent status)
    {
        Status = status.Status;
        return EventOutcome.Applied;
    }

    /// <summary>
    /// The book's top levels to the depth and top-of-book features. Most L3 events land deeper than the levels fed;
    /// then the levels are those the features last accepted, and they are told so instead of re-reading them
    /// (the same result, without copying the levels or running multi-level OFI over an unchanged state).
    /// </summary>
    private bool FeedLevels(long timeNs)
    {
        LevelBook book = _levels!;
        if (book.TakeShallowestChange() >= _topLevels.Depth && _lastLevelsAccepted)
        {
            Features.OnLevelsUnchanged(timeNs);
            return true;
        }
        _lastLevelsAccepted = Features.OnLevels(timeNs, _topLevels.Read(book, _topLevels.Columns ?? stackalloc long[4 * _topLevels.Depth]));
        return _lastLevelsAccepted;
    }

    /// <summary>
    /// Writes the complete state as one section: book, features, bar builders, then per time frame (shortest first)
    /// its closed-bar history and indicators, then the sequence watermarks. Bars closed but not yet taken
    /// (<see cref="ClosedBars"/>) are transient and not written.
    /// </summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(SymbolSections.SymbolState, CheckpointVersion);
        writer.WriteInt64((long)_settings.BookType);
        writer.WriteInt64(_bars.TimeFrames.Count);
        writer.WriteByte((byte)Status);
        ((ICheckpointState)Book).WriteCheckpoint(ref writer);
        Features.WriteCheckpoint(ref writer);
        _bars.WriteCheckpoint(ref writer);
        foreach (TimeFrame frame in _bars.TimeFrames)
        {
            _history[frame].WriteCheckpoint(ref writer);
            _indicators[frame].WriteCheckpoint(ref writer);
        }
        _sequences.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <summary>Replaces the whole state (the shared sequence watermarks included) with the next section's.</summary>
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        _barsQuietUntilNs = long.MinValue; // the next event asks the restored bars afresh (and a failed restore leaves no stale gate)
        reader.BeginSection(SymbolSections.SymbolState, CheckpointVersion);
        reader.ReadExpected((long)_settings.BookType, "book type");
        reader.ReadExpected(_bars.TimeFrames.Count, "bar time frames");
        Status = (TradingStatus)reader.ReadByte();
        ((ICheckpointState)Book).RestoreCheckpoint(ref reader);
        Features.RestoreCheckpoint(ref reader);
        _bars.RestoreCheckpoint(ref reader);
        foreach (TimeFrame frame in _bars.TimeFrames)
        {
            _history[frame].RestoreCheckpoint(ref reader);
            _indicators[frame].RestoreCheckpoint(ref reader);
        }
        _sequences.RestoreCheckpoint(ref reader);
        reader.EndSection();
        _closed.Clear();
        _lastLevelsAccepted = false; // the features' last levels are the checkpoint's: read them afresh
    }

    private EventOutcome Count(EventOutcome outcome, in MarketEvent e)
    {
        switch (outcome)
        {
            case EventOutcome.Applied or EventOutcome.AppliedAfterGap:
                _counters.CountApplied(e.Header.ExchangeTimeNs);
                break;
            case EventOutcome.Duplicate:
                _counters.CountDuplicate();
                break;
            case EventOutcome.Rejected:
                _counters.CountRejected();
                break;
            default:
                _counters.CountSkipped();
                break;
        }
        return outcome;
    }
}
