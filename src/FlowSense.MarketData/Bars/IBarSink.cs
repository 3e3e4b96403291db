namespace FlowSense.MarketData.Bars;

/// <summary>Receives the bars a <see cref="MultiTimeframeBarAggregator"/> closes.</summary>
public interface IBarSink
{
    /// <summary>Called once per closed bar, shortest time frame first when one trade closes several.</summary>
    void OnBar(TimeFrame timeFrame, in Bar bar);
}
