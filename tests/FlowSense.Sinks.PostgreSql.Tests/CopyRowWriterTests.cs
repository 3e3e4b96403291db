using System.Globalization;
using FlowSense.Actors.Persistence.TestSupport;
using FlowSense.Sinks.PostgreSql.BinaryCopy;
using Npgsql;

namespace FlowSense.Sinks.PostgreSql.Tests;

/// <summary>The hand-written binary COPY encoding, judged by PostgreSQL's own parser and text output.</summary>
public sealed class CopyRowWriterTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private async Task<List<string>> RoundTripAsync(string columnType, Action<CopyRowWriter> writeField, int rows)
    {
        string table = $"copy_{Guid.NewGuid():N}";
        await using NpgsqlConnection connection = await database.DataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand($"CREATE TABLE {table} (n serial, v {columnType})", connection))
            await create.ExecuteNonQueryAsync();

        var writer = new CopyRowWriter(initialCapacity: 64); // small, so the test also crosses buffer growth
        for (int i = 0; i < rows; i++)
        {
            writer.StartRow(1);
            writeField(writer);
        }

        await using (NpgsqlRawCopyStream copy = await connection.BeginRawBinaryCopyAsync($"COPY {table} (v) FROM STDIN (FORMAT BINARY)"))
        {
            await copy.WriteAsync(CopyRowWriter.Header);
            await copy.WriteAsync(writer.Written);
            await copy.WriteAsync(CopyRowWriter.Trailer);
        }

        var values = new List<string>();
        await using var select = new NpgsqlCommand($"SELECT coalesce(v::text, 'NULL') FROM {table} ORDER BY n", connection);
        await using NpgsqlDataReader reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        return values;
    }

    public static TheoryData<string> WholeNumbers() =>
    [
        "0", "1", "-1", "9999", "10000", "-10000", "100000000", "123456789012345678901234567890",
        Int128.MaxValue.ToString(CultureInfo.InvariantCulture), Int128.MinValue.ToString(CultureInfo.InvariantCulture),
        ((Int128)long.MaxValue * 1_000).ToString(CultureInfo.InvariantCulture),
    ];

    [Theory]
    [MemberData(nameof(WholeNumbers))]
    public async Task Whole_numbers_arrive_as_the_same_numeric(string number)
    {
        Int128 value = Int128.Parse(number, CultureInfo.InvariantCulture);

        Assert.Equal([number], await RoundTripAsync("numeric", w => w.WriteNumeric(value), 1));
    }

    [Fact]
    public async Task Bigint_arrays_empty_or_not_and_text_beyond_ASCII()
    {
        Assert.Equal(["{}"], await RoundTripAsync("bigint[]", w => w.WriteInt64Array([]), 1));
        Assert.Equal(["{-5,0,9223372036854775807}"], await RoundTripAsync("bigint[]", w => w.WriteInt64Array([-5, 0, long.MaxValue]), 1));
        Assert.Equal(["Zürich €", "NULL"], await RoundTripAsync("text", WriteAlternating(), 2));
    }

    [Fact]
    public async Task Many_rows_grow_the_buffer_and_keep_every_value()
    {
        long next = 0;
        List<string> values = await RoundTripAsync("bigint", w => w.WriteInt64(next++ * 1_000_003), 5_000);

        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => (i * 1_000_003L).ToString(CultureInfo.InvariantCulture)), values);
    }

    private static Action<CopyRowWriter> WriteAlternating()
    {
        bool first = true;
        return w =>
        {
            w.WriteText(first ? "Zürich €" : null);
            first = false;
        };
    }
}
