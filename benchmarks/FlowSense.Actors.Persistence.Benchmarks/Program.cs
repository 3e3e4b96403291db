using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FlowSense.Actors.Persistence.Benchmarks;

// `sustained [minutes] [seconds-per-report]` runs the sustained time-series harness; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "sustained")
    return await SustainedTradeLoad.RunAsync(args);

// In process: these benchmarks measure round trips to PostgreSQL, not JIT-sensitive loops, and generating and
// building a separate benchmark process takes longer than BenchmarkDotNet's build timeout on a loaded 2-core machine.
// A mutator changes every job's toolchain without adding a job.
IConfig config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsMutator());
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
