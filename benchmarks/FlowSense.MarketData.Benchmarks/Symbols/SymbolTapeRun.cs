using FlowSense.Pipeline.Symbols;

namespace FlowSense.MarketData.Benchmarks.Symbols;

/// <summary>
/// The tape of <see cref="SymbolStateStreamBenchmark"/> without BenchmarkDotNet, for a cache simulator
/// (<c>cachesim.sh</c> beside this project): decode the synthetic ITCH stream, build a state per symbol, apply the first
/// half, and with <c>--measure</c> the second. Run once with and once without it, the difference is what the measured
/// half executes and misses: counts a simulator gives exactly, whatever else the machine runs, where timings on this
/// shared machine move by a third from one minute to the next.
/// </summary>
internal static class SymbolTapeRun
{
    public const string Usage = "tape [--symbols 1000] [--batch 1536] [--events 200000] [--measure]";

    public static int Run(string[] args)
    {
        int symbols = 1_000, batch = 1_536, events = 200_000;
        bool measure = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--symbols" when i + 1 < args.Length:
                    symbols = int.Parse(args[++i]);
                    break;
                case "--batch" when i + 1 < args.Length:
                    batch = int.Parse(args[++i]);
                    break;
                case "--events" when i + 1 < args.Length:
                    events = int.Parse(args[++i]);
                    break;
                case "--measure":
                    measure = true;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: {Usage}");
                    return 2;
            }
        }

        // The benchmark's tape, spaced as it is, so the windows fill and evict as in a long run.
        var tape = SyntheticItchTape.Decode(symbols, 2 * events, batch, SymbolStateStreamBenchmark.MessageSpacing);
        var states = SyntheticItchTape.NewStates(tape.Events);
        long applied = SyntheticItchTape.Apply(tape.Events.AsSpan(0, events), states);
        int collections = GC.CollectionCount(0);
        if (measure)
            applied += SyntheticItchTape.Apply(tape.Events.AsSpan(events), states);
        // A collection in the measured half would count the collector's misses as the states': the script checks this.
        Console.WriteLine($"symbols {tape.Symbols}, events applied {applied:N0}, measured {events}, collections in the measured half {GC.CollectionCount(0) - collections}");
        GC.KeepAlive(states);
        return 0;
    }
}
