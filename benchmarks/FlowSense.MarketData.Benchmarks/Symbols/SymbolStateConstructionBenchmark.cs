using BenchmarkDotNet.Attributes;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.MarketData.Benchmarks.Symbols;

/// <summary>
/// What one fresh symbol state costs before its first event: the Allocated column is the bytes a new ITCH symbol
/// (L3 book, default features, 1s/1m bars, standard indicators) takes, which times the symbol count is the floor of
/// the node's heap.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SymbolStateConstructionBenchmark
{
    private readonly SymbolSettings _settings = SyntheticItchTape.SettingsFor(new InstrumentId("NASDAQ", "ALC000"));

    [Benchmark]
    public SymbolState NewState() => new(_settings);
}
