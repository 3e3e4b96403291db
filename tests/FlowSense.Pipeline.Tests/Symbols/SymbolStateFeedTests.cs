using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.OrderBook;
using FlowSense.Pipeline.Symbols;
using FlowSense.Pipeline.Tests.Ingestion;

namespace FlowSense.Pipeline.Tests.Symbols;

/// <summary>
/// The symbol state tells its features "levels unchanged" instead of copying them after a book event deeper than the
/// levels fed. That must be invisible: after every event of real order flow, its features equal those of a core fed the
/// copied levels every time (<see cref="DirectCore"/>).
/// </summary>
public sealed class SymbolStateFeedTests
{
    [Fact]
    public async Task Lobster_AAPL_features_equal_the_core_fed_every_level_state_after_every_event()
    {
        var events = await Recorded.EventsOf(Recorded.Lobster());
        // LOBSTER's level-10 file holds only events within 10 levels: feed 2, so that many land deeper.
        var settings = Recorded.LobsterSettings with { Features = new MicrostructureFeaturesOptions { Levels = 2, DepthImbalanceLevels = 2 } };
        var state = new SymbolState(settings);
        var core = new DirectCore(settings);
        var probe = new L3Book(settings.Instrument.Id, settings.BookOptions);
        int deeper = 0;
        foreach (MarketEvent e in events)
        {
            state.Apply(e);
            core.Feed(e);
            if (e.Kind == MarketEventKind.Order && probe.Apply(e.AsOrder()).IsApplied() && probe.TakeShallowestChange() >= settings.FeatureDepth)
                deeper++;
            Assert.Equal(core.Features.Snapshot(), state.Features.Snapshot());
            Assert.Equal(core.Features.MultiLevelOfi.OverEvents, state.Features.MultiLevelOfi.OverEvents);
            Assert.Equal(core.Features.QuoteIntensity.EventsInWindow, state.Features.QuoteIntensity.EventsInWindow);
        }
        // The shortcut was taken, or the test proves nothing about it.
        Assert.True(deeper > 10, $"only {deeper} events changed the book below level {settings.FeatureDepth}");
    }
}
