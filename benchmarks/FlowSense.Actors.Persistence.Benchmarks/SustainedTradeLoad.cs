using System.Diagnostics;
using System.Globalization;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Sinks.PostgreSql.Series;
using FlowSense.Sinks.PostgreSql.TimeSeries;
using Npgsql;

namespace FlowSense.Actors.Persistence.Benchmarks;

/// <summary>
/// The sustained time-series COPY figure (a harness, not BenchmarkDotNet: the question is the rate held over minutes,
/// with partitions filling, checkpoints and retention, not the mean of a short call). One producer offers new trades
/// of <see cref="Instruments"/> instruments through <see cref="TimeSeriesSink{TRow}.WriteAsync"/> as fast as the sink's
/// back-pressure lets it; every interval the rows committed since the last one are reported, with the machine's load,
/// and at the end the median interval. Exchange time advances <see cref="RowSpacingNs"/> per row, so a day partition
/// fills every ~20M rows; retention keeps the two newest days, which bounds the disk a long run needs.
/// Run: <c>dotnet run -c Release -- sustained [minutes] [seconds-per-report]</c>.
/// </summary>
internal static class SustainedTradeLoad
{
    private const int Instruments = 50;
    private const long NsPerDay = 86_400_000_000_000L;
    private const long RowSpacingNs = 4_320_000; // 20M rows a day
    private const int DaysKept = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        TimeSpan duration = TimeSpan.FromMinutes(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5);
        TimeSpan interval = TimeSpan.FromSeconds(args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10);
        InstrumentId[] instruments = [.. Enumerable.Range(0, Instruments).Select(i => new InstrumentId("NASDAQ", $"SYM{i:D2}"))];
        await using NpgsqlDataSource dataSource = BenchmarkPostgres.CreateDatabase("sustained");
        var partitions = new DayPartitions(dataSource);
        var options = new TimeSeriesSinkOptions();
        Console.WriteLine($"sustained trade COPY: {duration.TotalMinutes:0.#} min, report every {interval.TotalSeconds:0} s, " +
            $"batch {options.BatchSize:N0}, buffer {options.Capacity:N0}, {Instruments} instruments; load {Load()}");

        var sink = new TimeSeriesSink<Trade>(dataSource, new TradesTable(), options);
        long start = 20_000 * NsPerDay; // 2024-10-04
        long offered = 0;
        using var stop = new CancellationTokenSource(duration);
        Task producer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                for (int i = 0; i < 10_000; i++, offered++)
                {
                    long time = start + (offered * RowSpacingNs);
                    var header = new EventHeader(instruments[offered % Instruments], time, time + 2_000, offered);
                    await sink.WriteAsync(new Trade(header, 1_000_000 + (offered % 500), 100, Aggressor.Seller));
                }
            }
        });

        var rates = new List<double>();
        var clock = Stopwatch.StartNew();
        long lastRows = 0;
        TimeSpan lastAt = TimeSpan.Zero;
        while (!producer.IsCompleted)
        {
            await Task.WhenAny(producer, Task.Delay(interval - (clock.Elapsed - lastAt)));
            if (producer.IsCompleted)
                break;
            TimeSpan now = clock.Elapsed;
            long rows = sink.Counters.Inserted;
            double rate = (rows - lastRows) / (now - lastAt).TotalSeconds;
            rates.Add(rate);
            IReadOnlyList<string> dropped = await partitions.DropOlderThanAsync("trades",
                DayPartitions.DayOf(start + (offered * RowSpacingNs)).AddDays(1 - DaysKept));
            Console.WriteLine($"{now.TotalSeconds,6:0} s  {rate,10:N0} rows/s  total {rows,13:N0}  load {Load()}" +
                (dropped.Count > 0 ? $"  retention dropped {string.Join(", ", dropped)}" : ""));
            (lastRows, lastAt) = (rows, now);
        }

        await producer;
        await sink.DisposeAsync();
        SinkCounters counters = sink.Counters;
        double median = rates.Count == 0 ? 0 : rates.Order().ElementAt(rates.Count / 2);
        Console.WriteLine($"median {median:N0} rows/s over {rates.Count} intervals of {interval.TotalSeconds:0} s; " +
            $"offered {offered:N0}, {counters}; load {Load()}");
        bool complete = counters.Inserted == offered && counters.Failed == 0 && counters.Dropped == 0 && counters.Duplicates == 0;
        if (!complete)
            Console.WriteLine("ERROR: the sink did not store every offered row exactly once");
        return complete ? 0 : 1;
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
