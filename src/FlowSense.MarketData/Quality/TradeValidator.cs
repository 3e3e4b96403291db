using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Quality;

/// <summary>
/// Checks trades per symbol: non-positive price or size, exchange time going backwards, and price-band outliers
/// against the mean of the symbol's recent accepted prices. Every verdict is counted in <see cref="Counters"/>.
/// A rejected trade does not update the symbol's state (its time or the price reference), so one bad print cannot
/// shift the band or make good trades look late.
/// </summary>
public sealed class TradeValidator(QualityCounters counters, PriceBandOptions? band = null) : ICheckpointState
{
    private const byte CheckpointVersion = 1;

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

    /// <summary>
    /// Writes each symbol's last accepted time and price band, symbols in ordinal order. The shared
    /// <see cref="Counters"/> are not included: checkpoint them once, beside every validator that records into them.
    /// </summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.TradeValidator, CheckpointVersion);
        writer.WriteInt64(_band.Window);
        writer.WriteDouble(_band.MaxDeviation);
        writer.WriteInt64(_band.MinSamples);
        writer.WriteInt64(_band.ReanchorAfter);
        InstrumentId[] instruments = InstrumentCheckpoint.Sorted(_symbols.Keys);
        writer.WriteInt32(instruments.Length);
        foreach (InstrumentId instrument in instruments)
        {
            SymbolState state = _symbols[instrument];
            InstrumentCheckpoint.Write(ref writer, instrument);
            writer.WriteInt64(state.LastTimeNs);
            state.Band.WriteCheckpoint(ref writer);
        }
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.TradeValidator, CheckpointVersion);
        reader.ReadExpected(_band.Window, "the price band's window");
        reader.ReadExpected(_band.MaxDeviation, "the price band's maximum deviation");
        reader.ReadExpected(_band.MinSamples, "the price band's minimum samples");
        reader.ReadExpected(_band.ReanchorAfter, "the price band's re-anchoring streak");
        int symbols = reader.ReadLength(40, "the symbol count");
        _symbols.Clear();
        for (int s = 0; s < symbols; s++)
        {
            InstrumentId instrument = InstrumentCheckpoint.Read(ref reader);
            var state = new SymbolState(new PriceBand(_band)) { LastTimeNs = reader.ReadInt64() };
            state.Band.RestoreCheckpoint(ref reader);
            if (!_symbols.TryAdd(instrument, state))
                throw reader.Corrupt($"{instrument} appears twice");
        }
        reader.EndSection();
    }

    private sealed class SymbolState(PriceBand band)
    {
        public PriceBand Band { get; } = band;

        public long LastTimeNs { get; set; } = long.MinValue;
    }
}
