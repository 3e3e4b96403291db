using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace FlowSense.Actors.Benchmarks.Ask;

/// <summary>
/// One Ask round trip to an echo actor, with its allocations. The percentile columns are of BenchmarkDotNet's
/// iteration means; for per-round-trip p50/p99 use the <c>ask</c> harness mode.
/// Run: dotnet run -c Release --project benchmarks/FlowSense.Actors.Benchmarks -- --filter '*AskRoundTrip*' --job short
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class AskRoundTripBenchmarks
{
    private ActorSystem _system = null!;
    private IActorRef _echo = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("ask-bench");
        _echo = _system.ActorOf(Props.Create<Echo>(), "echo");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Dispose();

    [Benchmark]
    public Task<object> AskEcho() => _echo.Ask<object>(Question.Instance, TimeSpan.FromSeconds(5));

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig() => AddColumn(StatisticColumn.P50, StatisticColumn.P95);
    }
}
