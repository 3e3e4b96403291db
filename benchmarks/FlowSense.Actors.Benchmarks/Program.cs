using BenchmarkDotNet.Running;
using FlowSense.Actors.Benchmarks.Ask;
using FlowSense.Actors.Benchmarks.Backpressure;
using FlowSense.Actors.Benchmarks.Fanout;
using FlowSense.Actors.Benchmarks.Harness;
using FlowSense.Actors.Benchmarks.Memory;
using FlowSense.Actors.Benchmarks.PingPong;
using FlowSense.Actors.Benchmarks.SpawnTree;

// Run on demand, never in the test suite: dotnet run -c Release --project benchmarks/FlowSense.Actors.Benchmarks -- <mode>
Func<HarnessArgs, Task<int>>? mode = args.Length == 0 ? null : args[0].ToLowerInvariant() switch
{
    "pingpong" => PingPongHarness.Run,
    "spawn" => SpawnTreeHarness.Run,
    "ask" => AskLatencyHarness.Run,
    "backpressure" => BackpressureHarness.Run,
    "memory" => IdleActorMemoryHarness.Run,
    "fanout" => FanoutHarness.Run,
    _ => null,
};

if (mode is null)
{
    if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        Console.WriteLine(Usage.Text);
    if (args.Length == 0)
        return 0;
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}

try
{
    return await mode(HarnessArgs.Parse(args.AsSpan(1)));
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage.Text);
    return 2;
}
