using FlowSense.Actors.Persistence.TestSupport;
using FlowSense.Management.Client;
using FlowSense.MarketData.Instruments;
using FlowSense.Node.Hosting;
using FlowSense.Node.Shutdown;
using FlowSense.Node.TimeSeries;
using FlowSense.Node.Tests.MainJob;
using Npgsql;

namespace FlowSense.Node.Tests.TimeSeries;

/// <summary>
/// The node's time-series sinks on PostgreSQL over the shipped data: every applied trade and quote stored once (the
/// oracle is the files fed straight through the readers and codecs), natural keys unique in every table, the counts
/// in the shutdown report and in /metrics; a second run of the same replays adds nothing (all duplicates). With
/// SQLite there are no sinks, and the start-up line says why.
/// </summary>
public sealed class NodeTimeSeriesTests : IAsyncLifetime
{
    private PostgresDatabase? _database;

    [Fact]
    public async Task Every_applied_trade_and_quote_is_stored_once_and_a_second_replay_stores_only_duplicates()
    {
        DirectCount ibm = DirectCount.Lean(RepositoryRoot.File("data", "lean", "equity", "usa", "tick", "ibm", "20131007_trade.zip"),
            RepositoryRoot.File("data", "lean", "equity", "usa", "tick", "ibm", "20131007_quote.zip"), new InstrumentId("USA", "IBM"));
        DirectCount kraken = DirectCount.Capture(RepositoryRoot.File("data", "cryptofeed", "KRAKEN.ws.50.0"), "kraken");

        NodeShutdownReport first = await RunAsync(checkMetrics: true);
        IReadOnlyList<TableContents> stored = await TableContents.ReadAllAsync(_database!.ConnectionString);

        Assert.All(stored, t => Assert.True(t.Rows > 0 && t.Rows == t.DistinctKeys, t.ToString()));
        TableContents trades = stored.Single(t => t.Table == "trades");
        // Kraken's trades carry no sequence and share timestamps: keyed by the symbol's event ordinal, none collapses.
        var expectedTrades = ibm.Trades.Concat(kraken.Trades).ToDictionary(p => p.Key.ToString(), p => p.Value);
        Assert.Equal(expectedTrades.OrderBy(p => p.Key), trades.PerInstrument.OrderBy(p => p.Key));
        // Quotes: IBM's L1 book applies them; the crypto symbols keep L2 books, which take deltas, not quotes.
        Assert.Equal(ibm.Quotes.ToDictionary(p => p.Key.ToString(), p => p.Value), stored.Single(t => t.Table == "quotes").PerInstrument);
        // One features row and one book-top row per exchange-time second with an applied event: at most a day's seconds.
        Assert.All(stored.Single(t => t.Table == "features").PerInstrument, p => Assert.InRange(p.Value, 1, 86_400));
        Assert.Equal(stored.Single(t => t.Table == "features").PerInstrument, stored.Single(t => t.Table == "book_top").PerInstrument);
        // Multi-level OFI reaches the table: all M = 10 levels on the crypto symbols' L2 books (none before their first
        // multi-level event), none on IBM's L1 book.
        foreach ((string symbol, int[] lengths) in await OfiLevelCountsAsync())
        {
            if (symbol.StartsWith("USA:", StringComparison.Ordinal))
                Assert.Equal([0], lengths);
            else
                Assert.True(lengths.Contains(10) && lengths.All(n => n is 0 or 10), $"{symbol}: ofi_by_level lengths {string.Join(", ", lengths)}");
        }

        Assert.Equal(stored.Select(t => t.Table).Order(), first.Sinks.Select(s => s.Table).Order());
        foreach (SinkTableReport table in first.Sinks)
        {
            Assert.Equal((stored.Single(t => t.Table == table.Table).Rows, 0L, 0L, 0L), (table.Inserted, table.Duplicates, table.Dropped, table.Failed));
            Assert.Contains($"stored {table.Table + ":",-10} {table.Inserted:N0} rows, 0 duplicates, 0 dropped, 0 failed", first.ToText(), StringComparison.Ordinal);
        }

        // The replays had completed, so they start over: every row offered again is recognised by its key.
        NodeShutdownReport second = await RunAsync(checkMetrics: false);
        Assert.All(second.Sinks, s => Assert.Equal((0L, first.Sinks.Single(f => f.Table == s.Table).Inserted, 0L, 0L), (s.Inserted, s.Duplicates, s.Dropped, s.Failed)));
        Assert.Equal(stored.Select(t => t.Fingerprint), (await TableContents.ReadAllAsync(_database.ConnectionString)).Select(t => t.Fingerprint));
    }

    [Fact]
    public async Task With_sqlite_there_are_no_sinks_and_the_start_up_line_says_why()
    {
        await using FlowSenseNode node = await NodeHost.StartAsync(new NodeHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["flowsense:node:replays:ibm:enabled"] = "false",
                ["flowsense:node:replays:coinbase:enabled"] = "false",
                ["flowsense:node:replays:kraken:enabled"] = "false",
            },
        });
        Assert.Equal("Time series: off (the sinks need PostgreSQL: set flowsense.persistence.postgres.connection-string)", node.TimeSeriesLine);
        Assert.Empty((await node.ShutdownAsync("test")).Sinks);
    }

    /// <summary>Per symbol, the distinct lengths of <c>ofi_by_level</c> in its features rows.</summary>
    private async Task<Dictionary<string, int[]>> OfiLevelCountsAsync()
    {
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(_database!.ConnectionString);
        await using NpgsqlCommand command = dataSource.CreateCommand(
            "SELECT venue || ':' || symbol, array_agg(DISTINCT cardinality(ofi_by_level) ORDER BY cardinality(ofi_by_level)) FROM features GROUP BY 1");
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var lengths = new Dictionary<string, int[]>();
        while (await reader.ReadAsync())
            lengths[reader.GetString(0)] = reader.GetFieldValue<int[]>(1);
        return lengths;
    }

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync(migrate: false);

    public Task DisposeAsync() => _database!.DisposeAsync();

    private async Task<NodeShutdownReport> RunAsync(bool checkMetrics)
    {
        await using FlowSenseNode node = await NodeHost.StartAsync(new NodeHostOptions
        {
            Speed = "max",
            Settings = new Dictionary<string, string?>
            {
                ["flowsense:node:replays:coinbase:enabled"] = "false",
                ["flowsense:persistence:postgres:connection-string"] = _database!.ConnectionString,
            },
        });
        Assert.StartsWith("Time series: trades, quotes, bars, book_top, features into PostgreSQL", node.TimeSeriesLine, StringComparison.Ordinal);
        await node.ReplaysFinished.WaitAsync(TimeSpan.FromMinutes(3));
        if (checkMetrics)
        {
            using var client = ManagementClient.Connect(node.ManagementAddress!.Authority);
            string metrics = await client.GetMetricsAsync();
            Assert.Contains("flowsense_sink_rows_total{table=\"trades\",outcome=\"inserted\"}", metrics, StringComparison.Ordinal);
            Assert.Contains("flowsense_sink_rows_total{table=\"features\",outcome=\"dropped\"} 0\n", metrics, StringComparison.Ordinal);
            Assert.Contains("flowsense_sink_connected{table=\"quotes\"} 1\n", metrics, StringComparison.Ordinal);
            Assert.Contains("flowsense_sink_buffered{table=\"bars\"}", metrics, StringComparison.Ordinal);
        }
        NodeShutdownReport report = await node.ShutdownAsync("test");
        Assert.True(report.Phases.AllCompleted, report.ToText());
        return report;
    }
}
