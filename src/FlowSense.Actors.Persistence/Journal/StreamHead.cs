namespace FlowSense.Actors.Persistence.Journal;

/// <summary>What a journal keeps per persistence id besides the events: the fencing epoch and the highest sequence number.</summary>
/// <param name="Epoch">The highest epoch that has written to (or deleted from) the stream.</param>
/// <param name="HighestSequenceNr">The highest sequence number ever stored; deletion does not lower it.</param>
public readonly record struct StreamHead(long Epoch, long HighestSequenceNr);
