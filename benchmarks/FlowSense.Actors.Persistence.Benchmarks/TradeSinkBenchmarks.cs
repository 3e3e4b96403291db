using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Sinks.PostgreSql.Series;
using FlowSense.Sinks.PostgreSql.TimeSeries;
using Npgsql;

namespace FlowSense.Actors.Persistence.Benchmarks;

/// <summary>
/// Sustained trade loading through <see cref="TimeSeriesSink{TRow}"/>: <see cref="Rows"/> new trades offered as fast
/// as the bounded buffer takes them, then the sink drained. Rows/s = Rows / mean. Each invocation writes a new day,
/// so partitions and indexes grow as in production.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 8)]
[MemoryDiagnoser]
public class TradeSinkBenchmarks
{
    private const int Rows = 500_000;
    private const long NsPerDay = 86_400_000_000_000L;
    private static readonly InstrumentId[] Instruments = [.. Enumerable.Range(0, 50).Select(i => new InstrumentId("NASDAQ", $"SYM{i:D2}"))];

    private NpgsqlDataSource _dataSource = null!;
    private long _day = 20_000; // days since the epoch

    [GlobalSetup]
    public void Setup() => _dataSource = BenchmarkPostgres.CreateDatabase("bench_sink");

    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task<long> LoadTrades()
    {
        long start = Interlocked.Increment(ref _day) * NsPerDay;
        await using var sink = new TimeSeriesSink<Trade>(_dataSource, new TradesTable());
        for (int i = 0; i < Rows; i++)
        {
            long time = start + (i * 10_000L);
            await sink.WriteAsync(new Trade(new EventHeader(Instruments[i % Instruments.Length], time, time + 2_000, i), 1_000_000 + (i % 500), 100, Aggressor.Seller));
        }

        await sink.DisposeAsync();
        return sink.Counters.Inserted == Rows ? Rows : throw new InvalidOperationException($"inserted {sink.Counters}");
    }

    [GlobalCleanup]
    public void Cleanup() => _dataSource.Dispose();
}
