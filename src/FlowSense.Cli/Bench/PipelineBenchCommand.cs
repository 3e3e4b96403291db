using System.CommandLine;
using System.Globalization;
using FlowSense.Actors.Configuration;
using FlowSense.Cli.Terminal;

namespace FlowSense.Cli.Bench;

/// <summary>
/// <c>flowsense bench pipeline</c>: synthetic ITCH or LOBSTER volume through the full single-node pipeline (codec,
/// ingestion graph, symbol actors, book, features, bars): the sustained rate at full speed, event-to-feature latency
/// at shares of it (over the run and second by second), memory over time and CPU per event by stage. Writes tables to
/// the console and <c>pipeline-&lt;source&gt;.json</c>, <c>pipeline-&lt;source&gt;-memory.csv</c> and
/// <c>pipeline-&lt;source&gt;-latency.csv</c> into the output folder.
/// </summary>
internal static class PipelineBenchCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new Option<string>("--source") { Description = "itch: the ITCH sample over many symbols; lobster: the LOBSTER AAPL sample, one symbol.", DefaultValueFactory = _ => "itch" };
        source.AcceptOnlyFromAmong("itch", "lobster");
        var symbols = new Option<int>("--symbols") { Description = "Synthetic symbols for --source itch (rounded down to a multiple of the sample's 3 stocks).", DefaultValueFactory = _ => 1_000 };
        var duration = new Option<string>("--duration") { Description = "Measured time of each run: 60s, 10m, 500ms.", DefaultValueFactory = _ => "60s" };
        var warmUp = new Option<string>("--warm-up") { Description = "Unmeasured time at the start of each run.", DefaultValueFactory = _ => "5s" };
        var rates = new Option<string>("--rates") { Description = "Paced runs, in percent of the full-speed rate (comma-separated; empty for none).", DefaultValueFactory = _ => "25,50,90" };
        var maxRate = new Option<double?>("--max-rate") { Description = "Take this as the full-speed rate (events/s) and skip that run: to compare builds or settings at the same load." };
        var memoryEvery = new Option<string>("--memory-interval") { Description = "Time between memory samples.", DefaultValueFactory = _ => "10s" };
        var sample = new Option<FileInfo?>("--sample") { Description = "The recording to repeat (default: itch/ex20101224.TEST_ITCH_50 or the LOBSTER AAPL message file in the shared data)." };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for the JSON report and the memory CSV.", DefaultValueFactory = _ => new DirectoryInfo("bench-results") };
        var batch = new Option<int>("--batch") { Description = "Events per source batch at full speed; a paced run catching up emits at most this, and at most 4 ticks' worth.", DefaultValueFactory = _ => new PipelineBenchOptions().BatchSize };
        var inFlight = new Option<int>("--batches-in-flight") { Description = "Batches out at once, not yet acknowledged by every symbol.", DefaultValueFactory = _ => new PipelineBenchOptions().BatchesInFlight };
        var tick = new Option<string>("--tick") { Description = "How often a paced run's source wakes to emit the events due by then: 200us, 1ms.", DefaultValueFactory = _ => "200us" };
        var dispatcher = new Option<string>("--dispatcher") { Description = "Where symbol actors run: lanes (a thread per core, the node's default) or default (the thread pool).", DefaultValueFactory = _ => Actors.Dispatchers.LanesId };
        dispatcher.AcceptOnlyFromAmong(Actors.Dispatchers.LanesId, Actors.Dispatchers.DefaultId);
        var idleSpin = new Option<string>("--lane-idle-spin") { Description = "How long a lane out of work spins before it parks (lanes-dispatcher.idle-spin): 300us, 0 to park at once.", DefaultValueFactory = _ => $"{Actors.LanesDispatcherOptions.DefaultIdleSpin.TotalMicroseconds:0}us" };
        var ticksOn = new Option<string>("--ticks-on") { Description = "What wakes a paced run's source for its ticks: lanes (the symbols' lanes, between their turns) or thread (a timer thread of its own).", DefaultValueFactory = _ => PipelineBenchOptions.TicksOnLanes };
        ticksOn.AcceptOnlyFromAmong(PipelineBenchOptions.TicksOnLanes, PipelineBenchOptions.TicksOnThread);
        var noStages = new Option<bool>("--no-stages") { Description = "Skip the per-stage CPU breakdown." };
        var command = new Command("pipeline", "Throughput, event-to-feature latency and memory of the full pipeline under synthetic load.")
        {
            source, symbols, duration, warmUp, rates, maxRate, memoryEvery, batch, inFlight, tick, ticksOn, dispatcher, idleSpin, sample, output, noStages,
        };
        command.SetGuardedAction(console, async (parse, cancellation) =>
        {
            var options = new PipelineBenchOptions
            {
                Source = parse.GetValue(source)!,
                Symbols = parse.GetValue(symbols),
                Duration = Duration(parse.GetValue(duration)!, "--duration"),
                WarmUp = Duration(parse.GetValue(warmUp)!, "--warm-up", allowZero: true),
                RatePercents = Percents(parse.GetValue(rates)!),
                MaxRate = parse.GetValue(maxRate) is { } m
                    ? (double.IsFinite(m) && m >= 1 ? m : throw new UserError($"--max-rate {m} is not a rate.", "Give events per second, for example --max-rate 3000000.", ExitCodes.Usage))
                    : null,
                MemoryInterval = Duration(parse.GetValue(memoryEvery)!, "--memory-interval"),
                Tick = Duration(parse.GetValue(tick)!, "--tick"),
                TicksOn = parse.GetValue(ticksOn)!,
                Stages = !parse.GetValue(noStages),
                Dispatcher = parse.GetValue(dispatcher)!,
                LaneIdleSpin = Duration(parse.GetValue(idleSpin)!, "--lane-idle-spin", allowZero: true) is var spin && spin <= Actors.LanesDispatcherOptions.MaxIdleSpin
                    ? spin : throw new UserError($"--lane-idle-spin {parse.GetValue(idleSpin)} is out of range.", $"Pick 0 (park at once) to {Actors.LanesDispatcherOptions.MaxIdleSpin.TotalSeconds:0.###}s.", ExitCodes.Usage),
                BatchesInFlight = parse.GetValue(inFlight) is var f and >= 1 and <= 1024
                    ? f : throw new UserError($"--batches-in-flight {parse.GetValue(inFlight)} is out of range.", "Pick 1 to 1024 batches.", ExitCodes.Usage),
                BatchSize = parse.GetValue(batch) is var b and >= 1 and <= 1 << 20
                    ? b : throw new UserError($"--batch {parse.GetValue(batch)} is out of range.", "Pick 1 to 1048576 events per batch.", ExitCodes.Usage),
            };
            var folder = parse.GetValue(output)!;
            var workload = Workload(options, parse.GetValue(sample));
            var report = await PipelineBench.RunAsync(workload, options, line => console.Error.WriteLine(line), cancellation).ConfigureAwait(false);

            report.Write(console.Out);
            folder.Create();
            string json = Path.Combine(folder.FullName, $"pipeline-{options.Source}.json");
            string memory = Path.Combine(folder.FullName, $"pipeline-{options.Source}-memory.csv");
            string latency = Path.Combine(folder.FullName, $"pipeline-{options.Source}-latency.csv");
            await File.WriteAllTextAsync(json, report.ToJson(), CancellationToken.None).ConfigureAwait(false);
            await File.WriteAllTextAsync(memory, report.MemoryCsv(), CancellationToken.None).ConfigureAwait(false);
            await File.WriteAllTextAsync(latency, report.LatencyCsv(), CancellationToken.None).ConfigureAwait(false);
            console.Line($"report: {json}");
            console.Line($"memory: {memory}");
            console.Line($"latency per second: {latency}");
            return report.Runs.All(r => r.Events > 0) ? ExitCodes.Ok : ExitCodes.Rejects;
        });
        return command;
    }

    private static BenchWorkload Workload(PipelineBenchOptions options, FileInfo? sample)
    {
        bool itch = options.Source == "itch";
        string path = sample is not null
            ? CliFiles.Input(sample, "--sample")
            : SharedSample(itch ? Path.Combine("itch", "ex20101224.TEST_ITCH_50") : Path.Combine("lobster", "AAPL_2012-06-21_34200000_57600000_message_10.csv"));
        try
        {
            return itch ? BenchWorkload.Itch(path, options.Symbols) : BenchWorkload.Lobster(path);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "symbols")
        {
            throw new UserError(e.Message.Split(" (Parameter")[0], "Pick --symbols between the sample's stock count and 65535.", ExitCodes.Usage);
        }
    }

    /// <summary>The shared reference data beside the repository (or FLOWSENSE_SHARED_DATA), searched from here and from the tool.</summary>
    private static string SharedSample(string relative)
    {
        var roots = new List<string>();
        if (Environment.GetEnvironmentVariable("FLOWSENSE_SHARED_DATA") is { Length: > 0 } fromEnv)
            roots.Add(fromEnv);
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                roots.Add(Path.Combine(dir.FullName, "shared", "data"));
        }
        return roots.Select(r => Path.Combine(r, relative)).FirstOrDefault(File.Exists)
            ?? throw new UserError($"No {relative} found in the shared data.", "Pass the recording with --sample FILE, or set FLOWSENSE_SHARED_DATA.", ExitCodes.Usage);
    }

    /// <summary>"60s", "10m", "500ms", "200us" (or "200µs"), "1h"; a bare number is in seconds.</summary>
    internal static TimeSpan Duration(string text, string option, bool allowZero = false)
    {
        // The configuration's parser, which is exact (50us is 500 ticks); only the bare number differs (seconds here).
        string t = text.Trim().Replace("µs", "us", StringComparison.Ordinal);
        bool parsed = HoconDuration.TryParse(t, requireUnit: true, out TimeSpan duration);
        if (!parsed && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds)
            && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds)
        {
            duration = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            parsed = true;
        }
        if (!parsed || duration < TimeSpan.Zero || (duration == TimeSpan.Zero && !allowZero))
            throw new UserError($"{option} {text} is not a duration.", "Write it as a number and a unit: 200us, 500ms, 60s, 10m, 1h.", ExitCodes.Usage);
        return duration;
    }

    internal static IReadOnlyList<int> Percents(string text)
    {
        var percents = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part.TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out int percent) || percent is < 1 or > 100)
                throw new UserError($"--rates {text}: {part} is not a percentage from 1 to 100.", "For example --rates 25,50,90.", ExitCodes.Usage);
            percents.Add(percent);
        }
        return percents;
    }
}
