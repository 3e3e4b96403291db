using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Symbols;
using static FlowSense.Pipeline.Tests.Symbols.TestEvents;

namespace FlowSense.Pipeline.Tests.Symbols;

/// <summary>
/// A symbol actor's turn (take the slice from its mailbox, apply it, acknowledge it) allocates nothing once warm:
/// at ~1.5 events per message a 32-byte object per message was 20 bytes per event, and a gen0 collection every
/// few hundred milliseconds at the bench's half rate.
/// </summary>
public sealed class SymbolActorAllocationTests() : FlowSense.Actors.TestKit.TestKit(defaultTimeout: TimeSpan.FromSeconds(10))
{
    [Fact]
    public void Applying_and_acknowledging_slices_allocates_nothing_in_steady_state()
    {
        var x = Id("X");
        var settings = new SymbolSettings(new Instrument(x, 0, 1, 0), BookType.L2) { BarTimeFrames = [TimeFrame.OneSecond], BarHistory = 4 };
        var entry = new SymbolEntry(SymbolKey.EntityId(x), x, new ShardId(0), settings);
        var symbol = ActorOfAsTestActorRef<SymbolActor>(SymbolActor.Props(entry));
        var acks = ActorOfAsTestActorRef<AckCounter>(Props.Create(() => new AckCounter()));
        // Eight fixed levels whose sizes keep changing (book sequences without gaps), and a trade every fifth
        // event: bars close (the history of 4 is full within the warm-up), nothing grows.
        long sequence = 0;
        MarketEvent[] events = [.. Enumerable.Range(1, 20_000).Select(i => i % 5 == 0
            ? Trade(x, i, 100 + i % 10)
            : Delta(x, i, ++sequence, i % 10 < 5 ? Side.Bid : Side.Ask, 100 + i % 10, 1 + i % 7))];
        var slice = new SymbolEvents(x, events, 0, 2);

        long allocated = 0;
        for (int round = 0; round < 2; round++) // the first round warms up (JIT, statics, the mailbox rings)
        {
            allocated = 0;
            for (int offset = round * 10_000; offset < (round + 1) * 10_000; offset += 2)
            {
                slice.Reset(slice.EntityId, x, events, offset, 2);
                long before = GC.GetAllocatedBytesForCurrentThread();
                symbol.Tell(slice, acks.Ref);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }

        Assert.Equal(0, allocated);
        Assert.Equal(10_000, acks.UnderlyingActor.Acks);
        Assert.Equal(20_000, acks.UnderlyingActor.Applied);
        Assert.Equal(0, entry.Counters.Resyncs);
    }

    /// <summary>Counts acknowledgements and the events they applied.</summary>
    private sealed class AckCounter : UntypedActor
    {
        public int Acks { get; private set; }

        public int Applied { get; private set; }

        protected override void OnReceive(object message)
        {
            var ack = (SymbolEventsAck)message;
            Acks++;
            Applied += ack.Applied;
        }
    }
}
