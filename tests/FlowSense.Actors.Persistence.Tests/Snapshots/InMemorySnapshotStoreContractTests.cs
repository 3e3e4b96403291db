using FlowSense.Actors.Persistence.Snapshots;
using FlowSense.Actors.Persistence.TestSupport;

namespace FlowSense.Actors.Persistence.Tests.Snapshots;

/// <summary>The in-memory snapshot store keeps the same contract as the database stores.</summary>
public sealed class InMemorySnapshotStoreContractTests : SnapshotStoreContractTests
{
    protected override ISnapshotStore Store { get; } = new InMemorySnapshotStore();
}
