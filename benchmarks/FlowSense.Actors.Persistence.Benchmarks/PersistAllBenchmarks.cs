using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FlowSense.Actors.Persistence.Batching;
using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.PostgreSql.Journal;
using Npgsql;

namespace FlowSense.Actors.Persistence.Benchmarks;

/// <summary>
/// Many entities persisting at once, as a node does: <see cref="Entities"/> concurrent callers each make
/// <see cref="WritesPerEntity"/> PersistAll calls of <see cref="EventsPerWrite"/> events, one after the other
/// (the next after the previous is acknowledged), through the batching journal. The baseline is the same load
/// without batching: one transaction per call. Events/s = Entities x WritesPerEntity x EventsPerWrite / mean.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class PersistAllBenchmarks
{
    private const int Entities = 500;
    private const int WritesPerEntity = 4;
    private const int EventsPerWrite = 20;

    private NpgsqlDataSource _dataSource = null!;
    private PostgreSqlJournal _direct = null!;
    private BatchingJournal _batching = null!;
    private long _round;

    [GlobalSetup]
    public void Setup()
    {
        _dataSource = BenchmarkPostgres.CreateDatabase("bench_persistall");
        _direct = new PostgreSqlJournal(_dataSource);
        _batching = new BatchingJournal(_direct);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Entities * WritesPerEntity * EventsPerWrite)]
    public Task OneTransactionPerCall() => RunAsync(_direct);

    [Benchmark(OperationsPerInvoke = Entities * WritesPerEntity * EventsPerWrite)]
    public Task Batched() => RunAsync(_batching);

    private Task RunAsync(IJournal journal)
    {
        // Fresh persistence ids each round, so sequence numbers always start at 1.
        long round = Interlocked.Increment(ref _round);
        return Task.WhenAll(Enumerable.Range(0, Entities).Select(entity => Task.Run(async () =>
        {
            string id = $"r{round}-e{entity}";
            for (int w = 0; w < WritesPerEntity; w++)
            {
                var events = new JournalEvent[EventsPerWrite];
                for (int i = 0; i < EventsPerWrite; i++)
                    events[i] = new JournalEvent((w * EventsPerWrite) + i + 1, "book-update.v1", EventBatch.Payload);
                await journal.WriteAsync(new AtomicWrite(id, 1, events));
            }
        })));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _batching.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dataSource.Dispose();
    }
}
