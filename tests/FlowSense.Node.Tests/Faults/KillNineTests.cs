using System.Text.RegularExpressions;
using FlowSense.Actors.Persistence.PostgreSql.Snapshots;
using FlowSense.Actors.Persistence.Snapshots;
using FlowSense.Actors.Persistence.Sqlite;
using FlowSense.Actors.Persistence.TestSupport;
using FlowSense.Node.Tests.Shutdown;
using FlowSense.Node.Tests.TimeSeries;
using FlowSense.Pipeline.Snapshots;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FlowSense.Node.Tests.Faults;

/// <summary>
/// kill -9 of a real node process mid-replay, then a restart on the same state: the node resumes from its symbols'
/// snapshots and ends with exactly the books, features, bars and indicators of an uninterrupted run of the same
/// replays (compared as the state bytes of every symbol's final snapshot). On PostgreSQL, with the time-series sinks
/// on, every table also ends with exactly the uninterrupted run's rows: none missing, none twice.
/// </summary>
public sealed partial class KillNineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flowsense-kill9-").FullName;

    [Fact]
    public async Task Kill_9_mid_replay_and_a_restart_end_equal_to_an_uninterrupted_run()
    {
        string uninterrupted = Path.Combine(_folder, "uninterrupted.db");
        string interrupted = Path.Combine(_folder, "interrupted.db");

        using (var node = StartNode(OnSqlite(uninterrupted)))
            Assert.True(await node.ExitCodeAsync(TimeSpan.FromMinutes(3)) == 0, node.Output);

        using (var node = StartNode(OnSqlite(interrupted)))
        {
            await node.Started.WaitAsync(TimeSpan.FromMinutes(1));
            // The progress signal: IBM's symbol has stored a snapshot, so the replay is under way and state is saved.
            await WaitForSnapshotAsync(interrupted, "USA:IBM", TimeSpan.FromMinutes(1));
            await node.SignalAsync("KILL");
            await node.ExitCodeAsync(TimeSpan.FromSeconds(30));
            Assert.DoesNotContain("Summary:", node.Output, StringComparison.Ordinal); // it died mid-replay, without a shutdown
        }

        using (var node = StartNode(OnSqlite(interrupted)))
        {
            Assert.True(await node.ExitCodeAsync(TimeSpan.FromMinutes(3)) == 0, node.Output);
            Match resumed = ResumedIbm().Match(node.Output);
            Assert.True(resumed.Success, node.Output); // it resumed, rather than starting over
        }

        SqliteConnection.ClearAllPools();
        await AssertSameFinalStatesAsync(SymbolIds(uninterrupted),
            new SqliteSnapshotStore(SqliteDatabase.Open(uninterrupted)), new SqliteSnapshotStore(SqliteDatabase.Open(interrupted)));
    }

    [Fact]
    public async Task Kill_9_mid_replay_with_time_series_sinks_ends_with_exactly_the_rows_of_an_uninterrupted_run()
    {
        await using PostgresDatabase uninterrupted = await PostgresDatabase.CreateAsync(migrate: false);
        await using PostgresDatabase interrupted = await PostgresDatabase.CreateAsync(migrate: false);

        using (var node = StartNode(OnPostgres(uninterrupted)))
            Assert.True(await node.ExitCodeAsync(TimeSpan.FromMinutes(4)) == 0, node.Output);

        using (var node = StartNode(OnPostgres(interrupted)))
        {
            await node.Started.WaitAsync(TimeSpan.FromMinutes(1));
            await WaitForSnapshotAsync(new PostgreSqlSnapshotStore(interrupted.DataSource), "USA:IBM", TimeSpan.FromMinutes(1));
            await node.SignalAsync("KILL");
            await node.ExitCodeAsync(TimeSpan.FromSeconds(30));
            Assert.DoesNotContain("Summary:", node.Output, StringComparison.Ordinal);
        }

        using (var node = StartNode(OnPostgres(interrupted)))
        {
            Assert.True(await node.ExitCodeAsync(TimeSpan.FromMinutes(4)) == 0, node.Output);
            Assert.True(ResumedIbm().Match(node.Output).Success, node.Output);
            Assert.Contains("Time series: trades, quotes, bars, book_top, features into PostgreSQL", node.Output, StringComparison.Ordinal);
        }

        await AssertSameFinalStatesAsync(await SymbolIdsAsync(uninterrupted.DataSource),
            new PostgreSqlSnapshotStore(uninterrupted.DataSource), new PostgreSqlSnapshotStore(interrupted.DataSource));
        IReadOnlyList<TableContents> expected = await TableContents.ReadAllAsync(uninterrupted.ConnectionString);
        IReadOnlyList<TableContents> actual = await TableContents.ReadAllAsync(interrupted.ConnectionString);
        Assert.All(expected, t => Assert.True(t.Rows > 0 && t.Rows == t.DistinctKeys, t.ToString()));
        Assert.All(actual, t => Assert.True(t.Rows == t.DistinctKeys, t.ToString()));
        Assert.Equal(expected.Select(t => t.Fingerprint), actual.Select(t => t.Fingerprint));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The final snapshot of every symbol in <paramref name="actual"/> holds the same state and positions as in <paramref name="expected"/>.</summary>
    private static async Task AssertSameFinalStatesAsync(IReadOnlyList<string> symbols, ISnapshotStore expected, ISnapshotStore actual)
    {
        Assert.Contains("USA:IBM", symbols);
        Assert.True(symbols.Count >= 3, string.Join(", ", symbols));
        foreach (string id in symbols)
        {
            SelectedSnapshot want = (await expected.LoadAsync(id, SnapshotSelectionCriteria.Latest))!;
            SelectedSnapshot? got = await actual.LoadAsync(id, SnapshotSelectionCriteria.Latest);
            Assert.True(got is not null, $"{id}: no snapshot after the restart");
            Assert.True(SymbolSnapshot.StateBytes(want.Payload, id).Span.SequenceEqual(SymbolSnapshot.StateBytes(got.Payload, id).Span),
                $"{id}: the final state differs from the uninterrupted run's");
            Assert.Equal(SymbolSnapshot.ReadPositions(want.Payload.Span, id).Positions, SymbolSnapshot.ReadPositions(got.Payload.Span, id).Positions);
        }
    }

    /// <summary>The shipped replays, IBM paced to take several seconds (so the kill lands mid-replay), the crypto captures at full speed.</summary>
    private static NodeProcess StartNode(string stateSetting) => NodeProcess.Start(
        "--plain", "--management-url", "http://127.0.0.1:0",
        "--set", "flowsense.node.replays.ibm.speed=8000",
        "--set", "flowsense.node.replays.coinbase.speed=max",
        "--set", "flowsense.node.replays.kraken.speed=max",
        "--set", "flowsense.persistence.symbol-snapshots.every-events=50000",
        "--set", "flowsense.persistence.symbol-snapshots.every=300ms",
        "--set", stateSetting);

    /// <summary>Snapshots in the SQLite file <paramref name="path"/>.</summary>
    private static string OnSqlite(string path) => $"flowsense.persistence.sqlite.path={path}";

    /// <summary>Snapshots and time series in <paramref name="database"/> (the node migrates it).</summary>
    private static string OnPostgres(PostgresDatabase database) =>
        $"flowsense.persistence.postgres.connection-string=\"{database.ConnectionString}\"";

    private static Task WaitForSnapshotAsync(string path, string entityId, TimeSpan timeout) =>
        WaitForSnapshotAsync(new SqliteSnapshotStore(SqliteDatabase.Open(path)), entityId, timeout);

    private static async Task WaitForSnapshotAsync(ISnapshotStore store, string entityId, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (await LoadOrNullAsync(store, entityId, deadline.Token) is null)
            await Task.Delay(20, deadline.Token);
    }

    /// <summary>The latest snapshot, or null also while the store's tables do not exist yet (a node migrating at start).</summary>
    private static async Task<SelectedSnapshot?> LoadOrNullAsync(ISnapshotStore store, string entityId, CancellationToken cancellationToken)
    {
        try
        {
            return await store.LoadAsync(entityId, SnapshotSelectionCriteria.Latest, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<string>> SymbolIdsAsync(NpgsqlDataSource dataSource)
    {
        await using NpgsqlCommand command = dataSource.CreateCommand(
            "SELECT DISTINCT persistence_id FROM snapshots WHERE persistence_id NOT LIKE 'replay/%' ORDER BY 1");
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
            ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>The symbols with a snapshot in the SQLite state file at <paramref name="path"/>.</summary>
    internal static List<string> SymbolIds(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT persistence_id FROM snapshots WHERE persistence_id NOT LIKE 'replay/%' ORDER BY 1";
        using SqliteDataReader reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
            ids.Add(reader.GetString(0));
        return ids;
    }

    [GeneratedRegex(@"ibm resumes after [\d,]+ events")]
    private static partial Regex ResumedIbm();
}
