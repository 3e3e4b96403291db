using FlowSense.Sinks.PostgreSql.Series;
using FlowSense.Sinks.PostgreSql.TimeSeries;
using Npgsql;

namespace FlowSense.Node.Tests.TimeSeries;

/// <summary>What one time-series table holds, read back from PostgreSQL, in a form two runs can be compared by.</summary>
/// <param name="Table">The table.</param>
/// <param name="Rows">Row count.</param>
/// <param name="DistinctKeys">Distinct natural keys: equal to <paramref name="Rows"/> when no row is duplicated.</param>
/// <param name="PerInstrument">Rows per <c>VENUE:SYMBOL</c> (bars: per <c>VENUE:SYMBOL timeframe</c>).</param>
/// <param name="Digest">md5 of every row's text in natural-key order: equal digests, equal contents.</param>
internal sealed record TableContents(string Table, long Rows, long DistinctKeys, IReadOnlyDictionary<string, long> PerInstrument, string Digest)
{
    /// <summary>The tables the node records into, with their natural keys.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> Key)> Tables { get; } =
    [
        Of(new TradesTable()), Of(new QuotesTable()), Of(new BarsTable()), Of(new BookTopTable()), Of(new FeaturesTable()),
    ];

    public static async Task<IReadOnlyList<TableContents>> ReadAllAsync(string connectionString)
    {
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);
        var tables = new List<TableContents>();
        foreach ((string name, IReadOnlyList<string> key) in Tables)
            tables.Add(await ReadAsync(dataSource, name, key));
        return tables;
    }

    public override string ToString() => $"{Table}: {Rows:N0} rows, {DistinctKeys:N0} keys, {PerInstrument.Count} series, md5 {Digest}";

    /// <summary>Everything compared between two runs, as text: equal fingerprints, equal tables.</summary>
    public string Fingerprint => $"{this} [{string.Join(", ", PerInstrument.Select(p => $"{p.Key}={p.Value}"))}]";

    private static async Task<TableContents> ReadAsync(NpgsqlDataSource dataSource, string table, IReadOnlyList<string> key)
    {
        string keyList = string.Join(", ", key);
        string series = table == "bars" ? "venue || ':' || symbol || ' ' || timeframe" : "venue || ':' || symbol";
        await using NpgsqlCommand totals = dataSource.CreateCommand(
            $"SELECT count(*), count(DISTINCT ({keyList})), coalesce(md5(string_agg(t::text, ',' ORDER BY {keyList})), '') FROM {table} t");
        await using NpgsqlDataReader total = await totals.ExecuteReaderAsync();
        await total.ReadAsync();
        (long rows, long keys, string digest) = (total.GetInt64(0), total.GetInt64(1), total.GetString(2));
        await total.CloseAsync();

        var perInstrument = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using NpgsqlCommand counts = dataSource.CreateCommand($"SELECT {series}, count(*) FROM {table} GROUP BY 1");
        await using NpgsqlDataReader count = await counts.ExecuteReaderAsync();
        while (await count.ReadAsync())
            perInstrument[count.GetString(0)] = count.GetInt64(1);
        return new TableContents(table, rows, keys, perInstrument, digest);
    }

    private static (string, IReadOnlyList<string>) Of<T>(ITimeSeriesTable<T> table) => (table.Name, table.KeyColumns);
}
