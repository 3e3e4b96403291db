using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.PostgreSql.Journal;
using Npgsql;

namespace FlowSense.Actors.Persistence.Benchmarks;

/// <summary>Recovery: replaying one entity's <see cref="Events"/> events. Events/s = Events / mean.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private const int Events = 200_000;
    private const string Entity = "NASDAQ:AAPL";

    private NpgsqlDataSource _dataSource = null!;
    private PostgreSqlJournal _journal = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dataSource = BenchmarkPostgres.CreateDatabase("bench_replay");
        _journal = new PostgreSqlJournal(_dataSource);
        long[] next = [1];
        for (int written = 0; written < Events; written += 10_000)
            _journal.WriteAsync(EventBatch.Create([Entity], 10_000, next)).GetAwaiter().GetResult();
        using NpgsqlCommand analyze = _dataSource.CreateCommand("VACUUM ANALYZE journal");
        analyze.ExecuteNonQuery();
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task<long> Replay()
    {
        long sum = 0;
        await _journal.ReplayAsync(Entity, 1, long.MaxValue, e => sum += e.Payload.Length);
        return sum == (long)Events * EventBatch.Payload.Length ? sum : throw new InvalidOperationException($"replayed {sum} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _dataSource.Dispose();
}
