namespace FlowSense.Actors.Benchmarks.Harness;

/// <summary>The command line help and the check for options a mode did not understand.</summary>
internal static class Usage
{
    public const string Text = """
        FlowSense.Actors benchmarks (run with -c Release; every mode is bounded in time).

        Console harness modes, in the shapes of Akka.NET's own benchmarks:
          pingpong      [--messages 30000000] [--throughputs 1,5,10,...,900] [--pairs 2] [--sweeps 1]
          spawn         [--depth 7] [--runs 5]
          ask           [--messages 200000]
          backpressure  [--messages 10000000] [--capacities 100,1000,10000] [--runs 3]
          memory        [--actors 1000000]
          fanout        [--actors 1000] [--burst 200] [--bursts 5000]

        Anything else goes to BenchmarkDotNet, e.g.:
          --filter '*AskRoundTrip*'
        """;

    /// <summary>Prints the options the mode did not read; false when there were any.</summary>
    public static bool RejectUnused(HarnessArgs args)
    {
        string[] unused = [.. args.Unused];
        if (unused.Length == 0)
            return true;
        Console.Error.WriteLine($"Unknown option(s) for this mode: {string.Join(", ", unused.Select(u => "--" + u))}");
        Console.Error.WriteLine(Text);
        return false;
    }
}
