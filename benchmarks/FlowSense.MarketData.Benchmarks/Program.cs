using BenchmarkDotNet.Running;
using FlowSense.MarketData.Benchmarks.Symbols;

// Run on demand, never in the test suite: dotnet run -c Release --project benchmarks/<this project> -- --filter '*'
// or, for a cache simulator, -- tape (see cachesim.sh).
if (args is ["tape", .. var tapeArgs])
    return SymbolTapeRun.Run(tapeArgs);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
