using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.TestSupport;

namespace FlowSense.Actors.Persistence.Tests.Journal;

/// <summary>The in-memory journal keeps the same contract as the database back ends.</summary>
public sealed class InMemoryJournalContractTests : JournalContractTests
{
    protected override IJournal Journal { get; } = new InMemoryJournal();
}
