using FlowSense.Actors;
using FlowSense.Actors.TestKit;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Snapshots;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Tests.Snapshots;

/// <summary>
/// Recorded events of one instrument, each with its position in the recording (1-based ordinal), sent to a symbol
/// actor in slices the way the ingestion graph sends them, and the oracle state: a <see cref="SymbolState"/> fed
/// every event directly, without actors or snapshots.
/// </summary>
internal sealed class SymbolFeed(SymbolSettings settings, IReadOnlyList<MarketEvent> events, string source = "recorded")
{
    public SymbolSettings Settings { get; } = settings;

    public InstrumentId Instrument => Settings.Instrument.Id;

    public string EntityId => SymbolKey.EntityId(Instrument);

    public int Count => events.Count;

    /// <summary>Sends events [<paramref name="from"/>, <paramref name="to"/>) in slices of <paramref name="slice"/> and waits for every ack.</summary>
    public List<SymbolEventsAck> Send(IActorRef region, TestProbe probe, int from, int to, int slice = 50)
    {
        var acks = new List<SymbolEventsAck>();
        for (int start = from; start < to; start += slice)
        {
            int n = Math.Min(slice, to - start);
            var buffer = new MarketEvent[n];
            var positions = new long[n];
            for (int i = 0; i < n; i++)
            {
                buffer[i] = events[start + i];
                positions[i] = start + i + 1;
            }
            region.Tell(new SymbolEvents(Instrument, buffer, positions, 0, n, source), probe.Ref);
            acks.Add(probe.ExpectMsg<SymbolEventsAck>());
        }
        return acks;
    }

    /// <summary>The checkpoint of a state fed events [0, <paramref name="count"/>) directly.</summary>
    public byte[] UninterruptedState(int count)
    {
        var state = new SymbolState(Settings);
        for (int i = 0; i < count; i++)
            state.Apply(events[i]);
        state.ClearClosedBars();
        return StateBytes(state);
    }

    /// <summary>The state held in a stored symbol snapshot, as checkpoint bytes (header and counters left out).</summary>
    public byte[] StateOf(ReadOnlyMemory<byte> snapshot)
    {
        var state = new SymbolState(Settings);
        SymbolSnapshot.Restore(snapshot.Span, EntityId, state, new InputPositions(), null);
        return StateBytes(state);
    }

    private static byte[] StateBytes(SymbolState state)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new CheckpointWriter(output);
        state.WriteCheckpoint(ref writer);
        writer.Complete();
        return output.WrittenSpan.ToArray();
    }
}
