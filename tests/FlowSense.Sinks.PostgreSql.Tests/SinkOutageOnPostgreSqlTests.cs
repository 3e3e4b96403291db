using FlowSense.Actors.Persistence.PostgreSql.Migrations;
using FlowSense.Actors.Persistence.TestSupport;
using FlowSense.MarketData.Events;
using FlowSense.Sinks.PostgreSql.Series;
using FlowSense.Sinks.PostgreSql.TimeSeries;
using Npgsql;

namespace FlowSense.Sinks.PostgreSql.Tests;

/// <summary>A sink on a PostgreSQL server of its own that is stopped for 30 s while rows keep coming.</summary>
public sealed class SinkOutageOnPostgreSqlTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Through_a_30_second_outage_the_buffer_fills_to_its_bound_writers_wait_and_afterwards_every_row_arrives_once()
    {
        const int Rows = 20_000, Capacity = 2_000, BatchSize = 500;
        await using PrivatePostgresServer server = await PrivatePostgresServer.StartAsync();
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(server.ConnectionString + ";Timeout=5;Command Timeout=10");
        await new MigrationRunner(dataSource).MigrateAsync();
        var options = new TimeSeriesSinkOptions
        {
            BatchSize = BatchSize,
            Capacity = Capacity,
            FlushInterval = TimeSpan.FromMilliseconds(50),
            RetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
        };
        await using var sink = new TimeSeriesSink<Trade>(dataSource, new TradesTable(), options);
        string symbol = TradeTape.NewSymbol('O');
        long accepted = 0;
        Task writer = Task.Run(async () =>
        {
            foreach (Trade trade in TradeTape.Of(symbol, Rows))
            {
                await sink.WriteAsync(trade);
                if (Interlocked.Increment(ref accepted) % 100 == 0)
                    await Task.Delay(10); // a live feed's pace, so writing goes on before, during and after the outage
            }
        });

        await Probe.EventuallyAsync(() => sink.Counters.Inserted >= 1_000, "rows are being stored", Patience);
        await server.PauseAsync();
        await Probe.EventuallyAsync(() => !sink.Counters.IsConnected, "the sink notices the outage", Patience);
        await Probe.EventuallyAsync(() => !sink.WaitToWriteAsync().IsCompleted, "the buffer is full", Patience); // both batches in flight are encoded too
        long acceptedWhenFull = Interlocked.Read(ref accepted);
        SinkCounters full = sink.Counters;
        await Task.Delay(Outage); // the outage itself, not a wait for something

        Assert.Equal(acceptedWhenFull, Interlocked.Read(ref accepted)); // the writer waited the whole time
        Assert.False(writer.IsCompleted);
        Assert.InRange(sink.Counters.Buffered, Capacity, Capacity + (2 * BatchSize)); // the buffer plus the two batches in flight
        Assert.Equal(full.Inserted, sink.Counters.Inserted);
        Assert.Equal(1, sink.Counters.Outages);

        await server.ResumeAsync();
        await writer.WaitAsync(Patience);
        await sink.FlushAsync().WaitAsync(Patience);

        SinkCounters after = sink.Counters;
        Assert.Equal((Rows, 0L, 0L, 0L, 0L, true), (after.Inserted, after.Duplicates, after.Dropped, after.Failed, after.Buffered, after.IsConnected));
        await using NpgsqlCommand count = dataSource.CreateCommand(
            "SELECT count(*), count(DISTINCT (venue, symbol, exchange_time_ns, sequence)) FROM trades WHERE symbol = $1");
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = symbol });
        await using NpgsqlDataReader reader = await count.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((Rows, Rows), (reader.GetInt64(0), reader.GetInt64(1)));
    }
}
