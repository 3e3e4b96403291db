using BenchmarkDotNet.Running;
using FlowSense.Actors.Persistence.Benchmarks;

// `sustained [minutes] [seconds-per-report]` runs the sustained time-series harness; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "sustained")
    return await SustainedTradeLoad.RunAsync(args);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
