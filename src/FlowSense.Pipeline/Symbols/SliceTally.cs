namespace FlowSense.Pipeline.Symbols;

/// <summary>What became of the events of one slice so far.</summary>
internal record struct SliceTally(int Applied, int Duplicates, int Rejected, int Skipped, int Quarantined)
{
    public void Add(EventOutcome outcome)
    {
        switch (outcome)
        {
            case EventOutcome.Applied or EventOutcome.AppliedAfterGap: Applied++; break;
            case EventOutcome.Duplicate: Duplicates++; break;
            case EventOutcome.Rejected: Rejected++; break;
            default: Skipped++; break;
        }
    }

    public readonly SymbolEventsAck AckFor(SymbolEvents events) => new(events, Applied, Duplicates, Rejected, Skipped, Quarantined);
}
