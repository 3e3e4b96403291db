using System.Text.RegularExpressions;
using FlowSense.Actors.Persistence.Snapshots;
using FlowSense.Actors.Persistence.Sqlite;
using FlowSense.Node.Tests.Shutdown;
using FlowSense.Pipeline.Snapshots;
using Microsoft.Data.Sqlite;

namespace FlowSense.Node.Tests.Faults;

/// <summary>
/// kill -9 of a real node process mid-replay, then a restart on the same state: the node resumes from its symbols'
/// snapshots and ends with exactly the books, features, bars and indicators of an uninterrupted run of the same
/// replays (compared as the state bytes of every symbol's final snapshot).
/// </summary>
public sealed partial class KillNineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flowsense-kill9-").FullName;

    [Fact]
    public async Task Kill_9_mid_replay_and_a_restart_end_equal_to_an_uninterrupted_run()
    {
        string uninterrupted = Path.Combine(_folder, "uninterrupted.db");
        string interrupted = Path.Combine(_folder, "interrupted.db");

        using (var node = StartNode(uninterrupted))
            Assert.True(await node.ExitCodeAsync(TimeSpan.FromMinutes(3)) == 0, node.Output);

        using (var node = StartNode(interrupted))
        {
            await node.Started.WaitAsync(TimeSpan.FromMinutes(1));
            // The progress signal: IBM's symbol has stored a snapshot, so the replay is under way and state is saved.
            await WaitForSnapshotAsync(interrupted, "USA:IBM", TimeSpan.FromMinutes(1));
            await node.SignalAsync("KILL");
            await node.ExitCodeAsync(TimeSpan.FromSeconds(30));
            Assert.DoesNotContain("Summary:", node.Output, StringComparison.Ordinal); // it died mid-replay, without a shutdown
        }

        using (var node = StartNode(interrupted))
        {
            Assert.True(await node.ExitCodeAsync(TimeSpan.FromMinutes(3)) == 0, node.Output);
            Match resumed = ResumedIbm().Match(node.Output);
            Assert.True(resumed.Success, node.Output); // it resumed, rather than starting over
        }

        SqliteConnection.ClearAllPools();
        IReadOnlyList<string> symbols = SymbolIds(uninterrupted);
        Assert.Contains("USA:IBM", symbols);
        Assert.True(symbols.Count >= 3, string.Join(", ", symbols));
        var expected = new SqliteSnapshotStore(SqliteDatabase.Open(uninterrupted));
        var actual = new SqliteSnapshotStore(SqliteDatabase.Open(interrupted));
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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The shipped replays, IBM paced to take several seconds (so the kill lands mid-replay), the crypto captures at full speed.</summary>
    private static NodeProcess StartNode(string state) => NodeProcess.Start(
        "--plain", "--management-url", "http://127.0.0.1:0",
        "--set", "flowsense.node.replays.ibm.speed=8000",
        "--set", "flowsense.node.replays.coinbase.speed=max",
        "--set", "flowsense.node.replays.kraken.speed=max",
        "--set", "flowsense.persistence.symbol-snapshots.every-events=50000",
        "--set", "flowsense.persistence.symbol-snapshots.every=300ms",
        "--set", $"flowsense.persistence.sqlite.path={state}");

    private static async Task WaitForSnapshotAsync(string path, string entityId, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var store = new SqliteSnapshotStore(SqliteDatabase.Open(path));
        while (await store.LoadAsync(entityId, SnapshotSelectionCriteria.Latest, deadline.Token) is null)
            await Task.Delay(20, deadline.Token);
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
