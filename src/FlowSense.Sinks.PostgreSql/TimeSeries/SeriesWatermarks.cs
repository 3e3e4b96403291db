using Npgsql;

namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>
/// The high-water marks of the series in table <c>sink_watermarks</c> (migration 0004): the highest position each
/// series has stored. A loader locks the marks of its batch's series for its whole transaction and advances them
/// in it, so a row above its mark is certainly not stored yet and two loaders never judge the same row at once.
/// </summary>
internal static class SeriesWatermarks
{
    private const string CreateMissingSql = """
        INSERT INTO sink_watermarks (table_name, venue, symbol, qualifier, time_ns, sequence)
        SELECT $1, v, s, q, -9223372036854775808, -9223372036854775808
        FROM unnest($2::text[], $3::text[], $4::text[]) AS u(v, s, q)
        ON CONFLICT DO NOTHING
        """;

    private const string LockSql = """
        SELECT u.i, w.time_ns, w.sequence
        FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u(v, s, q, i)
        JOIN sink_watermarks w ON w.table_name = $1 AND w.venue = u.v AND w.symbol = u.s AND w.qualifier = u.q
        ORDER BY w.venue, w.symbol, w.qualifier
        FOR UPDATE OF w
        """;

    private const string AdvanceSql = """
        UPDATE sink_watermarks AS w SET time_ns = u.t, sequence = u.n
        FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[]) AS u(v, s, q, t, n)
        WHERE w.table_name = $1 AND w.venue = u.v AND w.symbol = u.s AND w.qualifier = u.q
        """;

    /// <summary>Creates the marks of new series, locks all of <paramref name="series"/> and reads them into <paramref name="marks"/>.</summary>
    public static async Task LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string table, IReadOnlyList<SeriesKey> series,
        SeriesPosition[] marks, CancellationToken cancellationToken)
    {
        (string[] venues, string[] symbols, string[] qualifiers) = Columns(series, series.Count);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(CreateMissingSql) { Parameters = { Text(table), TextArray(venues), TextArray(symbols), TextArray(qualifiers) } },
                new NpgsqlBatchCommand(LockSql) { Parameters = { Text(table), TextArray(venues), TextArray(symbols), TextArray(qualifiers) } },
            },
        };
        int found = 0;
        await using NpgsqlDataReader reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            marks[(int)reader.GetInt64(0) - 1] = new SeriesPosition(reader.GetInt64(1), reader.GetInt64(2));
            found++;
        }

        if (found != series.Count)
            throw new InvalidOperationException($"Locked {found} high-water marks of '{table}' for {series.Count} series; the marks table changed underneath.");
    }

    /// <summary>Stores the marks of the series whose entry in <paramref name="advanced"/> is set.</summary>
    public static async Task AdvanceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string table, IReadOnlyList<SeriesKey> series,
        SeriesPosition[] marks, bool[] advanced, CancellationToken cancellationToken)
    {
        int count = 0;
        for (int i = 0; i < series.Count; i++)
            count += advanced[i] ? 1 : 0;
        if (count == 0)
            return;

        var changed = new List<SeriesKey>(count);
        long[] times = new long[count];
        long[] sequences = new long[count];
        for (int i = 0; i < series.Count; i++)
        {
            if (!advanced[i])
                continue;
            times[changed.Count] = marks[i].TimeNs;
            sequences[changed.Count] = marks[i].Sequence;
            changed.Add(series[i]);
        }

        (string[] venues, string[] symbols, string[] qualifiers) = Columns(changed, count);
        await using var command = new NpgsqlCommand(AdvanceSql, connection, transaction)
        {
            Parameters =
            {
                Text(table), TextArray(venues), TextArray(symbols), TextArray(qualifiers),
                new NpgsqlParameter<long[]> { TypedValue = times }, new NpgsqlParameter<long[]> { TypedValue = sequences },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static (string[] Venues, string[] Symbols, string[] Qualifiers) Columns(IReadOnlyList<SeriesKey> series, int count)
    {
        string[] venues = new string[count], symbols = new string[count], qualifiers = new string[count];
        for (int i = 0; i < count; i++)
            (venues[i], symbols[i], qualifiers[i]) = (series[i].Instrument.Venue, series[i].Instrument.Symbol, series[i].Qualifier);
        return (venues, symbols, qualifiers);
    }

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    private static NpgsqlParameter<string[]> TextArray(string[] value) => new() { TypedValue = value };
}
