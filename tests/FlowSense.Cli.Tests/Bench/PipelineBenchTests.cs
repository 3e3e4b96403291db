using System.Text.Json;

namespace FlowSense.Cli.Tests.Bench;

/// <summary>
/// A smoke run of <c>flowsense bench pipeline</c> with tiny durations: it exits 0 and reports sane, non-zero figures
/// in its tables and JSON. Not a performance test: nothing here depends on how fast the machine is. It runs alone
/// (<see cref="AloneInProcess"/>): the memory the symbol actors held is a heap difference, which tests allocating
/// beside it would blur.
/// </summary>
[Collection(AloneInProcess.Name)]
public sealed class PipelineBenchTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("itch", "30", "lanes")]
    [InlineData("itch", "30", "default")]
    [InlineData("lobster", "1", "lanes")]
    public async Task A_short_run_reports_rates_latency_and_memory(string source, string symbols, string dispatcher)
    {
        var result = await _cli.Invoke("bench", "pipeline", "--source", source, "--symbols", symbols, "--duration", "1s", "--warm-up", "300ms",
            "--rates", "50", "--memory-interval", "1s", "--batch", "256", "--dispatcher", dispatcher, "--no-stages", "-o", _cli.Folder);

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Contains("sustained ev/s", result.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(_cli.PathOf($"pipeline-{source}.json")));
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["max", "50%"], runs.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(dispatcher, json.RootElement.GetProperty("dispatcher").GetString());
        foreach (var run in runs)
        {
            Assert.True(run.GetProperty("events").GetInt64() > 0);
            Assert.True(run.GetProperty("sustainedEventsPerSecond").GetDouble() > 0);
            Assert.InRange(run.GetProperty("cpuBusy").GetDouble(), 0.001, 1.5); // a share of the cores (a little over 1 when sampled late)
            // Suspended for part of the window at most (milliseconds, not ticks), by a count of collections.
            Assert.InRange(run.GetProperty("gcPauseMilliseconds").GetDouble(), 0, json.RootElement.GetProperty("durationSeconds").GetDouble() * 1000);
            Assert.True(run.GetProperty("gcCollections").GetInt32() >= 0);
            var latency = run.GetProperty("latencyNs");
            Assert.True(latency.GetProperty("count").GetInt64() > 0);
            long p50 = latency.GetProperty("p50").GetInt64(), p99 = latency.GetProperty("p99").GetInt64();
            Assert.InRange(p50, 1, p99);
            // Second by second: at least the window's first whole second, each a part of the run's latencies.
            var seconds = run.GetProperty("latencyPerSecond").EnumerateArray().ToList();
            Assert.NotEmpty(seconds);
            Assert.InRange(seconds.Sum(s => s.GetProperty("count").GetInt64()), 1, latency.GetProperty("count").GetInt64());
            Assert.All(seconds, s => Assert.True(s.GetProperty("p50Ns").GetInt64() <= s.GetProperty("p99Ns").GetInt64()
                && s.GetProperty("p99Ns").GetInt64() <= s.GetProperty("maxNs").GetInt64() && s.GetProperty("maxNs").GetInt64() <= latency.GetProperty("max").GetInt64()));
            Assert.True(run.GetProperty("memory").GetArrayLength() >= 2, "a sample at the start and one at the end");
            // What the symbol actors held at the end: at least a fresh state's few kilobytes each, shared out evenly.
            double perSymbol = run.GetProperty("heldBySymbolsBytesPerSymbol").GetDouble();
            Assert.InRange(perSymbol, 2048, 64 << 20);
            Assert.Equal(run.GetProperty("heldBySymbolsBytes").GetInt64() / (double)json.RootElement.GetProperty("symbols").GetInt32(), perSymbol, 6);
            var totals = run.GetProperty("totals");
            Assert.Equal(0, totals.GetProperty("Quarantined").GetInt64());
            Assert.Equal(totals.GetProperty("Slices").GetInt64(), totals.GetProperty("Acknowledged").GetInt64());
        }
        // Only the paced run has a schedule; an event is decoded once due, never before, so latency from the due time
        // is at least latency from decoding, event by event and so at every quantile.
        Assert.Equal(JsonValueKind.Null, runs[0].GetProperty("latencyFromDueNs").ValueKind);
        var fromDue = runs[1].GetProperty("latencyFromDueNs");
        Assert.Equal(runs[1].GetProperty("latencyNs").GetProperty("count").GetInt64(), fromDue.GetProperty("count").GetInt64());
        Assert.True(fromDue.GetProperty("p99").GetInt64() >= runs[1].GetProperty("latencyNs").GetProperty("p99").GetInt64());

        // The paced run asked for half the full-speed rate and never ran ahead of that schedule: over the whole run
        // (not the window, which may include catching up after a slow warm-up) it took in at most the events due by
        // the time it ended. The run's own length, not the planned one: under load a run (its stop) takes longer.
        double target = runs[1].GetProperty("targetEventsPerSecond").GetDouble();
        Assert.Equal(runs[0].GetProperty("sustainedEventsPerSecond").GetDouble() / 2, target, 6);
        double sourceSeconds = runs[1].GetProperty("sourceSeconds").GetDouble();
        Assert.InRange(sourceSeconds, json.RootElement.GetProperty("durationSeconds").GetDouble(), 120);
        Assert.InRange(runs[1].GetProperty("totals").GetProperty("EventsIn").GetInt64(), 1, (long)(target * sourceSeconds) + 1);
        string csv = await File.ReadAllTextAsync(_cli.PathOf($"pipeline-{source}-memory.csv"));
        Assert.StartsWith("run,at_seconds,gc_heap_bytes,rss_bytes,gen0,gen1,gen2,allocated_bytes,gc_committed_bytes\n", csv, StringComparison.Ordinal);
        // Second by second from the due time too, for the paced run only.
        Assert.Equal(JsonValueKind.Null, runs[0].GetProperty("latencyFromDuePerSecond").ValueKind);
        var dueSeconds = runs[1].GetProperty("latencyFromDuePerSecond").EnumerateArray().ToList();
        Assert.InRange(dueSeconds.Sum(s => s.GetProperty("count").GetInt64()), 1, fromDue.GetProperty("count").GetInt64());
        string latencyCsv = await File.ReadAllTextAsync(_cli.PathOf($"pipeline-{source}-latency.csv"));
        Assert.StartsWith("run,from,at_seconds,count,p50_ns,p99_ns,max_ns\nmax,decoding,", latencyCsv, StringComparison.Ordinal);
        Assert.Contains("\n50%,decoding,", latencyCsv, StringComparison.Ordinal);
        Assert.Contains("\n50%,due,", latencyCsv, StringComparison.Ordinal);
        Assert.DoesNotContain("\nmax,due,", latencyCsv, StringComparison.Ordinal);
        Assert.Contains("seconds with p99 > 1 ms", result.Out, StringComparison.Ordinal);
        Assert.Contains("held by the symbol actors", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_given_max_rate_skips_the_full_speed_run_and_paces_shares_of_it()
    {
        var result = await _cli.Invoke("bench", "pipeline", "--symbols", "30", "--duration", "1s", "--warm-up", "300ms", "--max-rate", "40000",
            "--rates", "25,50", "--batches-in-flight", "2", "--lane-idle-spin", "50us", "--memory-interval", "1s", "-o", _cli.Folder);

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Contains("idle spin 50 µs", result.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(_cli.PathOf("pipeline-itch.json")));
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["25%", "50%"], runs.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal([10_000.0, 20_000.0], runs.Select(r => r.GetProperty("targetEventsPerSecond").GetDouble()));
        Assert.Equal(40_000, json.RootElement.GetProperty("givenMaxRate").GetDouble());
        Assert.Equal(2, json.RootElement.GetProperty("batchesInFlight").GetInt32());
        Assert.Equal(50, json.RootElement.GetProperty("laneIdleSpinMicroseconds").GetDouble());
        Assert.Empty(json.RootElement.GetProperty("stages").EnumerateArray()); // the stage costs need a full-speed run
        Assert.All(runs, r => Assert.True(r.GetProperty("events").GetInt64() > 0));
    }

    [Theory]
    [InlineData("200us", 2_000)]
    [InlineData("50us", 500)]
    [InlineData("1.5ms", 15_000)]
    [InlineData("60s", 600_000_000)]
    [InlineData("10m", 6_000_000_000)]
    [InlineData("200µs", 2_000)]
    [InlineData("2", 20_000_000)] // a bare number is in seconds
    public void Durations_parse_to_exact_ticks(string text, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), FlowSense.Cli.Bench.PipelineBenchCommand.Duration(text, "--tick"));
    }

    [Theory]
    [InlineData("--rates", "0")]
    [InlineData("--duration", "soon")]
    [InlineData("--symbols", "2")]
    [InlineData("--max-rate", "0")]
    [InlineData("--batches-in-flight", "0")]
    [InlineData("--lane-idle-spin", "2s")]
    [InlineData("--lane-idle-spin", "later")]
    public async Task Bad_settings_are_usage_errors_that_say_what_to_do(string option, string value)
    {
        var result = await _cli.Invoke("bench", "pipeline", option, value, "-o", _cli.Folder);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("pipeline-itch.json")));
    }
}
