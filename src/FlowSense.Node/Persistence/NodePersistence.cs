using FlowSense.Actors.Persistence.PostgreSql;
using FlowSense.Actors.Persistence.PostgreSql.Migrations;
using FlowSense.Actors.Persistence.PostgreSql.Snapshots;
using FlowSense.Actors.Persistence.Snapshots;
using FlowSense.Actors.Persistence.Sqlite;
using FlowSense.MarketData.Instruments;
using FlowSense.Node.TimeSeries;
using FlowSense.Pipeline.Snapshots;
using FlowSense.Pipeline.Symbols;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FlowSense.Node.Persistence;

/// <summary>
/// The node's durable state: the snapshot store (PostgreSQL, migrated at start under the migration runner's advisory
/// lock, or the embedded SQLite file), the symbol actors' snapshot settings with this node's epoch, the replays'
/// completion markers, and (PostgreSQL only) the time-series sinks.
/// </summary>
/// <remarks>
/// <b>Replays and resumption.</b> A replay interrupted (kill -9, SIGTERM, a crash) resumes on the next start from
/// the lowest position its symbols recovered (<see cref="ResumePoint"/>). A replay that ran to its end leaves a
/// completion marker (snapshot id <c>replay/NAME</c>); the next start of the same replay then discards its symbols'
/// snapshots and replays from the beginning, instead of skipping every event as already applied.
/// </remarks>
internal sealed class NodePersistence : IAsyncDisposable
{
    private const string CompletedManifest = "flowsense.replay-completed";

    private readonly NpgsqlDataSource? _dataSource;
    private readonly long _epoch;

    private NodePersistence(
        ISnapshotStore store, string description, long epoch, SymbolPersistence? symbols, NodeTimeSeries? timeSeries, string timeSeriesLine, NpgsqlDataSource? dataSource)
    {
        Store = store;
        Description = description;
        _epoch = epoch;
        Symbols = symbols;
        TimeSeries = timeSeries;
        TimeSeriesLine = timeSeriesLine;
        _dataSource = dataSource;
    }

    public ISnapshotStore Store { get; }

    /// <summary>Which store, as it may be printed (passwords redacted).</summary>
    public string Description { get; }

    /// <summary>The symbol actors' persistence; null when symbol snapshots are off.</summary>
    public SymbolPersistence? Symbols { get; }

    /// <summary>The time-series sinks; null when off (SQLite, or switched off).</summary>
    public NodeTimeSeries? TimeSeries { get; }

    /// <summary>One line for the start-up log: what the sinks record, or why there are none.</summary>
    public string TimeSeriesLine { get; }

    /// <summary>Opens the configured store; PostgreSQL is migrated first, then the time-series sinks start.</summary>
    public static async Task<NodePersistence> OpenAsync(
        PersistenceOptions options, Func<string, string> resolvePath, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ISnapshotStore store;
        string description;
        NpgsqlDataSource? dataSource = null;
        if (options.UsesPostgres)
        {
            dataSource = NpgsqlDataSource.Create(options.Postgres.ConnectionString);
            MigrationResult migrated = await new MigrationRunner(dataSource).MigrateAsync(cancellationToken).ConfigureAwait(false);
            store = new PostgreSqlSnapshotStore(dataSource);
            description = $"PostgreSQL {ConnectionStrings.Redact(options.Postgres.ConnectionString)} " +
                $"(migrations: {migrated.Applied.Count} applied, {migrated.AlreadyApplied} already applied)";
        }
        else
        {
            string path = resolvePath(options.Sqlite.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            store = new SqliteSnapshotStore(SqliteDatabase.Open(path));
            description = $"SQLite {path}";
        }

        long epoch = await store.HighestEpochAsync(cancellationToken).ConfigureAwait(false) + 1;
        SymbolSnapshotSettings s = options.SymbolSnapshots;
        SymbolPersistence? symbols = s.Enabled
            ? new SymbolPersistence(store, new SymbolSnapshotOptions { EveryEvents = s.EveryEvents, Every = s.Every, Keep = s.Keep }, _ => epoch)
            : null;
        NodeTimeSeries? timeSeries = null;
        string timeSeriesLine;
        if (options.RecordsTimeSeries)
        {
            timeSeries = await NodeTimeSeries.StartAsync(dataSource!, options.Sinks, loggerFactory.CreateLogger("FlowSense.Sinks"), cancellationToken).ConfigureAwait(false);
            timeSeriesLine = timeSeries.Description;
        }
        else
        {
            timeSeriesLine = options.UsesPostgres
                ? "Time series: off (flowsense.persistence.sinks.enabled = false)"
                : "Time series: off (the sinks need PostgreSQL: set flowsense.persistence.postgres.connection-string)";
        }
        return new NodePersistence(store, description + $", epoch {epoch}", epoch, symbols, timeSeries, timeSeriesLine, dataSource);
    }

    /// <summary>
    /// Forgets a completed previous run of replay <paramref name="source"/> (its symbols' snapshots and its marker are
    /// deleted), so that the replay starts over; an interrupted run is left to resume (see <see cref="ResumePoint"/>).
    /// Call it before the symbols start, since they recover from what is left.
    /// </summary>
    public async Task ForgetCompletedRunAsync(string source, IReadOnlyList<InstrumentId> instruments, CancellationToken cancellationToken)
    {
        if (Symbols is null)
            return;
        string marker = MarkerId(source);
        if (await Store.LoadAsync(marker, SnapshotSelectionCriteria.Latest, cancellationToken).ConfigureAwait(false) is null)
            return;
        foreach (InstrumentId instrument in instruments)
            await Store.DeleteAsync(SymbolKey.EntityId(instrument), SnapshotSelectionCriteria.Latest, cancellationToken).ConfigureAwait(false);
        await Store.DeleteAsync(marker, SnapshotSelectionCriteria.Latest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records that replay <paramref name="source"/> ran to its end.</summary>
    public Task MarkCompletedAsync(string source) => Symbols is null
        ? Task.CompletedTask
        : Store.SaveAsync(new SnapshotMetadata(MarkerId(source), 1, DateTimeOffset.UtcNow) { Epoch = _epoch }, CompletedManifest, ReadOnlyMemory<byte>.Empty);

    public async ValueTask DisposeAsync()
    {
        if (TimeSeries is not null)
            await TimeSeries.DisposeAsync().ConfigureAwait(false); // loads what is left before the connections go
        if (_dataSource is not null)
            await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static string MarkerId(string source) => "replay/" + source;
}
