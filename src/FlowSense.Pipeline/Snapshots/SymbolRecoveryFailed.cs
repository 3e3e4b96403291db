using System.Globalization;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Pipeline.Snapshots;

/// <summary>
/// A symbol's latest snapshot can never be restored by this process: it was taken with other settings (another bar
/// time frame, another VPIN bucket volume, another book type) or its bytes are corrupt. Retrying cannot help, so the
/// symbol stops processing (it refuses and acknowledges every later slice, so ingestion never waits for it) and this
/// is published once on the actor system's event stream; the node fails the run on it.
/// </summary>
/// <param name="Instrument">The symbol.</param>
/// <param name="EntityId">Its persistence id, <c>VENUE:SYMBOL</c>.</param>
/// <param name="SnapshotSequenceNr">The snapshot's sequence number (events the symbol had processed when it was taken).</param>
/// <param name="SnapshotTime">When the snapshot was taken.</param>
/// <param name="Reason">Why it cannot be restored (the checkpoint reader's message names the field that differs).</param>
public sealed record SymbolRecoveryFailed(InstrumentId Instrument, string EntityId, long SnapshotSequenceNr, DateTimeOffset SnapshotTime, string Reason)
{
    /// <summary>What an operator can do about it.</summary>
    public const string Advice =
        "Restore the settings the snapshot was taken with, or move the state aside (mv state/flowsense.db state/flowsense.db.bak), " +
        "or delete this symbol's snapshots.";

    /// <summary>One line for logs and the console: the symbol, the snapshot, the reason, and what to do.</summary>
    public string Message => string.Create(CultureInfo.InvariantCulture,
        $"Symbol {EntityId} cannot recover: its snapshot #{SnapshotSequenceNr} taken {SnapshotTime.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC cannot be restored ({Reason}). {Advice}");
}
