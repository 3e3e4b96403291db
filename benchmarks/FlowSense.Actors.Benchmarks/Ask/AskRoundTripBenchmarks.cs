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
    private const int Batch = 1000;

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

    /// <summary>
    /// Sequential Asks awaited inside one invocation, so that BenchmarkDotNet blocks on a task once per batch,
    /// not once per Ask (a blocked-thread wake-up would otherwise dominate the round trip).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task AskEcho()
    {
        for (int i = 0; i < Batch; i++)
            await _echo.Ask<object>(Question.Instance, TimeSpan.FromSeconds(5));
    }

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig() => AddColumn(StatisticColumn.P50, StatisticColumn.P95);
    }
}
