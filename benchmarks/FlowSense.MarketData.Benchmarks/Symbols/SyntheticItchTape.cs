using FlowSense.Feeds.Itch;
using FlowSense.Feeds.Replay;
using FlowSense.Feeds.Synthetic;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Symbols;
using FlowSense.Testing;

namespace FlowSense.MarketData.Benchmarks.Symbols;

/// <summary>
/// The synthetic ITCH stream of the load harness (the shared sample over many symbols), decoded once into events and
/// put in the order symbol actors receive them: each source batch regrouped by instrument, stably, so one symbol's
/// events of a batch run back to back. Settings are those the harness gives every ITCH symbol (L3, venue-wide sequences).
/// </summary>
internal sealed class SyntheticItchTape
{
    /// <summary>The harness's default source batch (events) at full speed: about 16 events per symbol message over 1,000 symbols.</summary>
    public const int FullSpeedSourceBatch = 16_384;

    private SyntheticItchTape(MarketEvent[] events, int symbols)
    {
        Events = events;
        Symbols = symbols;
    }

    public MarketEvent[] Events { get; }

    /// <summary>Synthetic symbols in the stream (the request rounded down to a multiple of the sample's stocks).</summary>
    public int Symbols { get; }

    /// <summary>Decodes the first <paramref name="count"/> events of a synthetic stream over <paramref name="symbols"/> symbols,
    /// regrouped by instrument within each <paramref name="sourceBatch"/> events (smaller batches: fewer events per symbol message),
    /// with <paramref name="messageSpacing"/> of exchange time between messages (the harness's 1 µs when null).
    /// </summary>
    public static SyntheticItchTape Decode(int symbols, int count, int sourceBatch = FullSpeedSourceBatch, TimeSpan? messageSpacing = null)
    {
        var synthetic = SyntheticItch.FromSample(SharedData.File("itch", "ex20101224.TEST_ITCH_50"), new DateOnly(2010, 12, 24), symbols, messageSpacing);
        long passes = Math.Min(synthetic.MaxPasses, count / Math.Max(1, synthetic.EventsPerPass) + 1);
        var collector = new Collector(count);
        var translator = new ItchEventTranslator(collector, ItchEventTranslator.MidnightUtcNs(synthetic.SessionDate));
        using (var stream = synthetic.Open(passes))
            new ItchStreamReader("synthetic", new Feeds.Quarantine.Quarantine()).ReadAll(stream, ref translator);
        var events = collector.Events
            .Chunk(sourceBatch)
            .SelectMany(batch => batch.GroupBy(e => e.Header.Instrument).SelectMany(group => group))
            .ToArray();
        return new SyntheticItchTape(events, synthetic.Symbols);
    }

    /// <summary>What the load harness gives an ITCH symbol.</summary>
    public static SymbolSettings SettingsFor(InstrumentId id, MicrostructureFeaturesOptions? features = null) =>
        new(new Instrument(id, ItchEventTranslator.PriceDecimals, TickSize: 100, SizeDecimals: 0), BookType.L3)
        {
            SequenceScope = SequenceScope.DuplicatesOnly,
            Features = features ?? new MicrostructureFeaturesOptions(),
        };

    /// <summary>A fresh state for every instrument of <paramref name="events"/>.</summary>
    public static Dictionary<InstrumentId, SymbolState> NewStates(ReadOnlySpan<MarketEvent> events, MicrostructureFeaturesOptions? features = null)
    {
        var states = new Dictionary<InstrumentId, SymbolState>();
        foreach (ref readonly MarketEvent e in events)
        {
            if (!states.ContainsKey(e.Header.Instrument))
                states.Add(e.Header.Instrument, new SymbolState(SettingsFor(e.Header.Instrument, features)));
        }
        return states;
    }

    /// <summary>Applies <paramref name="events"/> in order, as the actors would (closed bars taken after each event).</summary>
    public static long Apply(ReadOnlySpan<MarketEvent> events, Dictionary<InstrumentId, SymbolState> states)
    {
        SymbolState? state = null;
        long applied = 0;
        foreach (ref readonly MarketEvent e in events)
        {
            if (state is null || state.Instrument.Id != e.Header.Instrument)
                state = states[e.Header.Instrument];
            if (state.Apply(e) is EventOutcome.Applied or EventOutcome.AppliedAfterGap)
                applied++;
            state.ClearClosedBars();
        }
        return applied;
    }

    /// <summary>Keeps the first events the translator emits, copied into the stream's union type.</summary>
    private sealed class Collector(int capacity) : IMarketEventSink
    {
        public List<MarketEvent> Events { get; } = new(capacity);

        public void OnTrade(in Trade trade) => Keep(MarketEvent.From(trade));

        public void OnQuote(in Quote quote) => Keep(MarketEvent.From(quote));

        public void OnBookDelta(in BookDelta delta) => Keep(MarketEvent.From(delta));

        public void OnOrder(in OrderEvent order) => Keep(MarketEvent.From(order));

        public void OnStatus(in StatusEvent status) => Keep(MarketEvent.From(status));

        private void Keep(in MarketEvent e)
        {
            if (Events.Count < Events.Capacity)
                Events.Add(e);
        }
    }
}
