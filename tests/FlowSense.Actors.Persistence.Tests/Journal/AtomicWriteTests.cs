using FlowSense.Actors.Persistence.Journal;

namespace FlowSense.Actors.Persistence.Tests.Journal;

public sealed class AtomicWriteTests
{
    private static JournalEvent E(long seq) => new(seq, "e.v1", Array.Empty<byte>());

    [Fact]
    public void Consecutive_events_make_a_write_with_its_bounds()
    {
        var write = new AtomicWrite("s", 2, [E(4), E(5), E(6)]);

        Assert.Equal(4, write.FirstSequenceNr);
        Assert.Equal(6, write.LastSequenceNr);
    }

    [Fact]
    public void Empty_gapped_unordered_or_non_positive_sequences_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new AtomicWrite("s", 1, []));
        Assert.Contains("consecutive", Assert.Throws<ArgumentException>(() => new AtomicWrite("s", 1, [E(1), E(3)])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new AtomicWrite("s", 1, [E(2), E(1)]));
        Assert.Throws<ArgumentException>(() => new AtomicWrite("s", 1, [E(0)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AtomicWrite("s", -1, [E(1)]));
    }
}
