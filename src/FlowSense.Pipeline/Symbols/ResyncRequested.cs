using FlowSense.MarketData.Instruments;

namespace FlowSense.Pipeline.Symbols;

/// <summary>Why a symbol actor asks for a fresh snapshot of its book.</summary>
public enum ResyncReason : byte
{
    /// <summary>Sequence numbers were skipped: events were lost, so the book is suspect.</summary>
    SequenceGap = 1,
    /// <summary>The actor failed and was restarted with an empty book.</summary>
    Restarted = 2,
    /// <summary>The actor was passivated and created again with an empty book.</summary>
    Recreated = 3,
}

/// <summary>
/// Published on the actor system's EventStream when a symbol's book needs a snapshot. Connectors that can
/// (websocket venues) answer by re-subscribing the instrument, whose first message is a snapshot; file replays
/// cannot, so the book rebuilds from the events that follow and refusals are counted until it is whole again.
/// </summary>
/// <param name="Instrument">The instrument to resynchronize.</param>
/// <param name="Reason">What triggered it.</param>
/// <param name="LastSequence">The last book sequence applied before the request (0 if none).</param>
public sealed record ResyncRequested(InstrumentId Instrument, ResyncReason Reason, long LastSequence);
