using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.Quality;

/// <summary>
/// Checks trades per symbol: non-positive price or size, exchange time going backwards, and price-band outliers
/// against the mean of the symbol's recent accepted prices. Every verdict is counted in <see cref="Counters"/>.
/// A rejected trade does not update the symbol's state (its time or the price reference), so one bad print cannot
/// shift the band or make good trades look late.
/// </summary>
public sealed class TradeValidator(QualityCounters counters, PriceBandOptions? band = null)
{
    private readonly PriceBandOptions _band = band ?? PriceBandOptions.Default;
    private readonly Dictionary<InstrumentId, SymbolState> _symbols = [];

    public QualityCounters Counters { get; } = counters;

    public QualityVerdict Check(in Trade trade)
    {
        InstrumentId instrument = trade.Header.Instrument;
        if (!_symbols.TryGetValue(instrument, out SymbolState? state))
        {
            state = new SymbolState(new PriceBand(_band));
            _symbols.Add(instrument, state);
        }

        QualityIssues issues = QualityIssues.None;
        if (trade.Price <= 0)
            issues |= QualityIssues.NonPositivePrice;
        if (trade.Size <= 0)
            issues |= QualityIssues.NonPositiveSize;
        if (trade.Header.ExchangeTimeNs < state.LastTimeNs)
            issues |= QualityIssues.TimestampBackwards;
        if (issues == QualityIssues.None && state.Band.IsOutlier(trade.Price))
            issues |= QualityIssues.PriceOutlier;

        var verdict = new QualityVerdict(issues);
        if (verdict.IsAccepted)
        {
            state.LastTimeNs = trade.Header.ExchangeTimeNs;
            state.Band.Accept(trade.Price);
        }
        Counters.Record(instrument, verdict);
        return verdict;
    }

    private sealed class SymbolState(PriceBand band)
    {
        public PriceBand Band { get; } = band;

        public long LastTimeNs { get; set; } = long.MinValue;
    }
}
