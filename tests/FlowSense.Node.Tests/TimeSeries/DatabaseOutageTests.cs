using FlowSense.Actors.Persistence.TestSupport;
using FlowSense.Node.Hosting;
using FlowSense.Node.Shutdown;
using FlowSense.Node.TimeSeries;
using FlowSense.Sinks.PostgreSql.TimeSeries;

namespace FlowSense.Node.Tests.TimeSeries;

/// <summary>
/// PostgreSQL stopped for 30 s while a node replays into it (a server of the test's own, paused and resumed): the node
/// keeps computing until the sinks' bounded buffers are full, then ingestion stops (back-pressure through the symbol
/// actors' withheld acknowledgements) with nothing dropped; once the server is back every row arrives, and every table
/// ends exactly equal to an undisturbed run of the same replay.
/// </summary>
public sealed class DatabaseOutageTests
{
    private const int Buffer = 5_000;
    private const int BatchSize = 1_000;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_30_s_outage_fills_the_buffers_then_stops_ingestion_and_afterwards_every_row_arrives()
    {
        IReadOnlyList<TableContents> undisturbed;
        await using (PostgresDatabase reference = await PostgresDatabase.CreateAsync(migrate: false))
        {
            NodeShutdownReport report = await RunToEndAsync(reference.ConnectionString, speed: "max");
            Assert.All(report.Sinks, s => Assert.Equal(0, s.Dropped + s.Failed));
            undisturbed = await TableContents.ReadAllAsync(reference.ConnectionString);
        }

        await using PrivatePostgresServer server = await PrivatePostgresServer.StartAsync();
        // Paced, so the database keeps up until it goes away: the buffers are nearly empty when the outage begins.
        await using FlowSenseNode node = await StartAsync(server.ConnectionString, speed: "1500");
        NodeTimeSeries sinks = node.TimeSeries!;
        // Quotes are IBM's busiest table (109,066 against 24,292 trades): the one that fills first.
        ITableWriter quotes = sinks.Tables.Single(t => t.Table == "quotes");
        await Until(() => quotes.Counters.Inserted >= 4 * Buffer, TimeSpan.FromMinutes(1), "quotes flowing into the database");

        long appliedBefore = Applied(node);
        await server.PauseAsync();
        var pausedAt = TimeProvider.System.GetTimestamp();
        IReadOnlyDictionary<string, long> insertedAtPause = sinks.Tables.ToDictionary(t => t.Table, t => t.Counters.Inserted);

        await Until(() => !quotes.Counters.IsConnected, TimeSpan.FromSeconds(15), "the quotes sink noticing the outage");
        long stalled = await UntilSteadyAsync(() => Applied(node), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(25));
        Assert.True(stalled > appliedBefore, $"no event applied after the pause began ({appliedBefore:N0})"); // kept computing
        SinkCounters full = quotes.Counters;
        Assert.True(full.Buffered >= Buffer && full.Buffered <= Buffer + 2 * BatchSize + 1_024, Describe(node)); // filled to its bound, and no further

        TimeSpan left = Outage - TimeProvider.System.GetElapsedTime(pausedAt);
        if (left > TimeSpan.Zero)
            await Task.Delay(left);
        Assert.Equal(stalled, Applied(node)); // back-pressure held for the whole outage
        Assert.All(sinks.Tables, t => Assert.Equal((0L, insertedAtPause[t.Table]), (t.Counters.Dropped, t.Counters.Inserted)));
        Assert.False(node.ReplaysFinished.IsCompleted);

        await server.ResumeAsync();
        await node.ReplaysFinished.WaitAsync(TimeSpan.FromMinutes(3));
        NodeShutdownReport resumed = await node.ShutdownAsync("test");
        Assert.True(resumed.Phases.AllCompleted, resumed.ToText());
        Assert.Equal("Completed", Assert.Single(resumed.Summary.Sources).State); // the replay waited out the outage, it did not fail
        Assert.All(resumed.Sinks, s => Assert.Equal((0L, 0L), (s.Dropped, s.Failed)));
        Assert.True(quotes.Counters.Outages >= 1);

        IReadOnlyList<TableContents> afterOutage = await TableContents.ReadAllAsync(server.ConnectionString);
        Assert.Equal(undisturbed.Select(t => t.Fingerprint), afterOutage.Select(t => t.Fingerprint));
    }

    private static async Task<NodeShutdownReport> RunToEndAsync(string connectionString, string speed)
    {
        await using FlowSenseNode node = await StartAsync(connectionString, speed);
        await node.ReplaysFinished.WaitAsync(TimeSpan.FromMinutes(3));
        NodeShutdownReport report = await node.ShutdownAsync("test");
        Assert.True(report.Phases.AllCompleted, report.ToText());
        return report;
    }

    /// <summary>IBM's trades and quotes (the crypto captures off), snapshots and time series in PostgreSQL, small sink buffers.</summary>
    private static Task<FlowSenseNode> StartAsync(string connectionString, string speed) => NodeHost.StartAsync(new NodeHostOptions
    {
        Settings = new Dictionary<string, string?>
        {
            ["flowsense:node:replays:ibm:speed"] = speed,
            ["flowsense:node:replays:coinbase:enabled"] = "false",
            ["flowsense:node:replays:kraken:enabled"] = "false",
            ["flowsense:persistence:postgres:connection-string"] = connectionString,
            ["flowsense:persistence:sinks:buffer"] = Buffer.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["flowsense:persistence:sinks:batch-size"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["flowsense:persistence:sinks:flush-interval"] = "00:00:00.100",
        },
    });

    private static string Describe(FlowSenseNode node) =>
        $"applied {Applied(node):N0}; " + string.Join("; ", node.TimeSeries!.Tables.Select(t => $"{t.Table}: {t.Counters}"));

    private static long Applied(FlowSenseNode node) => node.Summary().Symbols.Sum(s => s.Applied);

    private static async Task Until(Func<bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
                throw new TimeoutException($"Waited {timeout} for {what}.");
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>Polls <paramref name="value"/> until it has not changed for <paramref name="steady"/>; returns it.</summary>
    private static async Task<long> UntilSteadyAsync(Func<long> value, TimeSpan steady, TimeSpan timeout)
    {
        long start = TimeProvider.System.GetTimestamp();
        long last = value(), since = start;
        while (TimeProvider.System.GetElapsedTime(since) < steady)
        {
            if (TimeProvider.System.GetElapsedTime(start) > timeout)
                throw new TimeoutException($"Still changing after {timeout} (now {last:N0}).");
            await Task.Delay(100);
            long now = value();
            if (now != last)
                (last, since) = (now, TimeProvider.System.GetTimestamp());
        }
        return last;
    }
}
