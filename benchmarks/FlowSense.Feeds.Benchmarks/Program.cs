using BenchmarkDotNet.Running;
using FlowSense.Feeds.Benchmarks.Pipeline;

// Run on demand, never in the test suite:
//   dotnet run -c Release --project benchmarks/<this project> -- --filter '*'      (BenchmarkDotNet)
//   dotnet run -c Release --project benchmarks/<this project> -- pipeline [runs] [itch-file]   (stream graph harness)
if (args is ["pipeline", .. var rest])
    return await PipelineHarness.Run(rest);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
