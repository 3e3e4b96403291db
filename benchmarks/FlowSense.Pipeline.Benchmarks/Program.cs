using BenchmarkDotNet.Running;

// Run on demand, never in the test suite: dotnet run -c Release --project benchmarks/<this project> -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
