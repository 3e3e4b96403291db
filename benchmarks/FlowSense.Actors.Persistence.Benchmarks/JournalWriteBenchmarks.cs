using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.PostgreSql.Journal;
using Npgsql;

namespace FlowSense.Actors.Persistence.Benchmarks;

/// <summary>
/// One journal transaction of <see cref="EventsPerTransaction"/> events (100 entities' PersistAll calls), sent by
/// binary COPY or by prepared multi-row INSERTs. Events/s = EventsPerTransaction / mean.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15)]
[MemoryDiagnoser]
public class JournalWriteBenchmarks
{
    private const int Entities = 100;
    private NpgsqlDataSource _dataSource = null!;
    private PostgreSqlJournal _journal = null!;
    private string[] _entities = null!;
    private long[] _next = null!;
    private List<AtomicWrite> _batch = null!;

    [Params(JournalWriteMethod.BinaryCopy, JournalWriteMethod.MultiRowInsert)]
    public JournalWriteMethod Method { get; set; }

    [Params(1_000, 10_000)]
    public int EventsPerTransaction { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dataSource = BenchmarkPostgres.CreateDatabase("bench_write");
        _journal = new PostgreSqlJournal(_dataSource, Method);
        _entities = [.. Enumerable.Range(0, Entities).Select(i => $"NASDAQ:SYM{i:D3}")];
        _next = [.. Enumerable.Repeat(1L, Entities)];
    }

    [IterationSetup]
    public void NextBatch() => _batch = EventBatch.Create(_entities, EventsPerTransaction / Entities, _next);

    [Benchmark]
    public Task<IReadOnlyList<Exception?>> Write() => _journal.WriteAsync(_batch);

    [GlobalCleanup]
    public void Cleanup() => _dataSource.Dispose();
}
