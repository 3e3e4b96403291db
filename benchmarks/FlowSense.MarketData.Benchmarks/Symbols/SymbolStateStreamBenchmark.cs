using BenchmarkDotNet.Attributes;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.MarketData.Benchmarks.Symbols;

/// <summary>
/// The symbol-state stage of the load harness without the harness: the synthetic ITCH stream over many symbols
/// applied to one <see cref="SymbolState"/> per symbol (L3 book, features, 1s/1m bars, indicators), in the order the
/// actors get it. Each iteration builds fresh states, warms them with the first half of the tape and measures the
/// second half, so no event is a duplicate; the per-operation time and allocation are per event.
/// The global setup also prints the bytes retained per state, fresh and after the warm stream, and the outcomes.
/// <para>The tape's messages are <see cref="MessageSpacing"/> apart in exchange time, so that its 400,000 events span
/// 10 s: the warm half fills the 1 s clock windows and reaches the 5 s post-trade horizon, and the measured half then
/// moves an old entry out of each window per event (the clock windows drop theirs in runs) and resolves a trade per
/// trade, as a long pipeline run does. (At the harness's 1 µs
/// the tape spanned 0.4 s, so nothing ever left a window and the benchmark missed that cost.) The windows hold about
/// 40 entries per symbol instead of a long run's 1,000 or so: the same lines touched per event, less memory.</para>
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[InvocationCount(1, 1)]
[WarmupCount(2)]
[IterationCount(12)]
public class SymbolStateStreamBenchmark
{
    /// <summary>Events decoded; the measured half is <see cref="MeasuredEvents"/>.</summary>
    private const int TapeEvents = 2 * MeasuredEvents;

    private const int MeasuredEvents = 200_000;

    /// <summary>Exchange time between messages: 400,000 events over 10 s (see the remarks).</summary>
    internal static readonly TimeSpan MessageSpacing = TimeSpan.FromMicroseconds(25);

    private MarketEvent[] _events = null!;
    private Dictionary<InstrumentId, SymbolState> _states = null!;

    /// <summary>Synthetic symbols: the harness's 1,000 (state mostly out of cache) and a few (in cache).</summary>
    [Params(1_000, 10)]
    public int Symbols { get; set; }

    /// <summary>
    /// Events regrouped by instrument at a time: the harness at full speed (about 16 events per symbol message over
    /// 1,000 symbols), and paced at about half its maximum rate (about 1.5 per message, so nearly every event finds its
    /// symbol's state cold).
    /// </summary>
    [Params(SyntheticItchTape.FullSpeedSourceBatch, 1_536)]
    public int SourceBatch { get; set; }

    /// <summary>
    /// The features' rolling windows: the defaults (1 s clock windows, 100-event windows, a 5 s post-trade horizon, 300
    /// volatility intervals), or all cut so short that their rings hold next to nothing. The difference is what the
    /// rings cost: each window writes a slot per event and lets an old one go, and over 1,000 symbols those lines are out of cache.
    /// </summary>
    [Params(Windows.Default, Windows.Short)]
    public Windows FeatureWindows { get; set; }

    public enum Windows
    {
        Default,
        Short,
    }

    private MicrostructureFeaturesOptions? Features => FeatureWindows == Windows.Short
        ? new MicrostructureFeaturesOptions
        {
            OfiEventWindow = 4,
            OfiClockWindowNs = 1_000_000,
            IntensityWindowNs = 1_000_000,
            PostTradeHorizonNs = 1_000_000,
            TradeAverageWindow = 4,
            KyleLambdaTrades = 4,
            VolatilityIntervals = 4,
        }
        : null;

    [GlobalSetup]
    public void Setup()
    {
        var tape = SyntheticItchTape.Decode(Symbols, TapeEvents, SourceBatch, MessageSpacing);
        _events = tape.Events;
        if (_events.Length != TapeEvents)
            throw new InvalidOperationException($"The tape holds {_events.Length} events, not {TapeEvents}.");
        ReportMemoryAndOutcomes(tape.Symbols);
    }

    [IterationSetup]
    public void FreshWarmStates()
    {
        _states = SyntheticItchTape.NewStates(_events, Features);
        SyntheticItchTape.Apply(_events.AsSpan(0, TapeEvents - MeasuredEvents), _states);
    }

    /// <summary>The second half of the tape, into states warmed by the first.</summary>
    [Benchmark(OperationsPerInvoke = MeasuredEvents)]
    public long ApplyStream() => SyntheticItchTape.Apply(_events.AsSpan(TapeEvents - MeasuredEvents), _states);

    private void ReportMemoryAndOutcomes(int symbols)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var states = SyntheticItchTape.NewStates(_events, Features);
        long fresh = GC.GetTotalMemory(forceFullCollection: true);
        SyntheticItchTape.Apply(_events, states);
        long warm = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// {symbols} symbols, {states.Count} states: retained per state {(fresh - before) / states.Count:N0} B fresh, " +
            $"{(warm - before) / states.Count:N0} B after {_events.Length:N0} events");

        long applied = 0, rejected = 0, skipped = 0, duplicates = 0;
        var books = new BookErrorTally();
        foreach (SymbolState state in states.Values)
        {
            applied += state.Counters.Applied;
            rejected += state.Counters.Rejected;
            skipped += state.Counters.Skipped;
            duplicates += state.Counters.Duplicates;
            books.Add(((LevelBook)state.Book).Errors);
        }
        Console.WriteLine($"// outcomes: {applied:N0} applied, {rejected:N0} rejected, {skipped:N0} skipped, {duplicates:N0} duplicates; book refusals: {books}");
        GC.KeepAlive(states);
    }

    /// <summary>Book refusals summed over symbols, by category.</summary>
    private sealed class BookErrorTally
    {
        private long _unknownOrder, _duplicateOrderId, _invalidSize, _overfill, _crossed, _other;

        public void Add(BookErrorCounts errors)
        {
            _unknownOrder += errors.UnknownOrder;
            _duplicateOrderId += errors.DuplicateOrderId;
            _invalidSize += errors.InvalidSize;
            _overfill += errors.Overfill;
            _crossed += errors.Crossed;
            _other += errors.MissingLevel + errors.MalformedEvent + errors.SequenceGaps + errors.DuplicateSequence;
        }

        public override string ToString() =>
            $"unknown order {_unknownOrder:N0}, duplicate id {_duplicateOrderId:N0}, invalid size {_invalidSize:N0}, " +
            $"overfill {_overfill:N0}, crossed {_crossed:N0}, other {_other:N0}";
    }
}
