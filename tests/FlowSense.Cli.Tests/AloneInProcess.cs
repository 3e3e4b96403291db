namespace FlowSense.Cli.Tests;

/// <summary>
/// Tests that run with no other test of the assembly beside them: xUnit runs a collection that disables
/// parallelization on its own, after the others. For tests that measure the process itself (its heap).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInProcess
{
    public const string Name = "alone in the process";
}
