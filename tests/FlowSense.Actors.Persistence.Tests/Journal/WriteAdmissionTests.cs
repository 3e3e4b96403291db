using FlowSense.Actors.Persistence.Journal;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.Actors.Persistence.Tests.Journal;

public sealed class WriteAdmissionTests
{
    private static AtomicWrite W(string id, long epoch, long first, int count = 1) =>
        new(id, epoch, [.. Enumerable.Range(0, count).Select(i => new JournalEvent(first + i, "e.v1", Array.Empty<byte>()))]);

    [Fact]
    public void Later_writes_of_a_stream_in_the_same_batch_are_judged_against_the_earlier_ones()
    {
        var heads = new Dictionary<string, StreamHead>();
        var rejections = new Exception?[3];

        int admitted = WriteAdmission.Decide([W("a", 1, 1, 2), W("a", 1, 2), W("a", 1, 3)], heads, rejections);

        Assert.Equal(2, admitted);
        Assert.Null(rejections[0]);
        Assert.IsType<SequenceConflictException>(rejections[1]);
        Assert.Null(rejections[2]);
        Assert.Equal(new StreamHead(1, 3), heads["a"]);
    }

    [Fact]
    public void A_newer_epoch_raises_the_stream_epoch_and_fences_the_older_one_within_one_batch()
    {
        var heads = new Dictionary<string, StreamHead> { ["a"] = new(1, 10) };
        var rejections = new Exception?[2];

        WriteAdmission.Decide([W("a", 2, 11), W("a", 1, 12)], heads, rejections);

        Assert.Null(rejections[0]);
        Assert.Equal(2, Assert.IsType<StaleEpochException>(rejections[1]).StoredEpoch);
    }

    [Fact]
    public void Exactly_the_writes_with_rising_sequence_numbers_and_non_decreasing_epochs_are_admitted()
    {
        // Any batch of writes to a few streams, with random epochs and starting numbers.
        Gen<(int Stream, int Epoch, int First, int Count)> oneWrite =
            from stream in Gen.Choose(0, 2)
            from epoch in Gen.Choose(0, 3)
            from first in Gen.Choose(1, 12)
            from count in Gen.Choose(1, 3)
            select (stream, epoch, first, count);

        Prop.ForAll(Gen.ListOf(oneWrite).ToArbitrary(), specs =>
        {
            AtomicWrite[] writes = [.. specs.Select(s => W($"s{s.Stream}", s.Epoch, s.First, s.Count))];
            var heads = new Dictionary<string, StreamHead>();
            var rejections = new Exception?[writes.Length];
            WriteAdmission.Decide(writes, heads, rejections);

            var last = new Dictionary<string, (long Epoch, long Seq)>();
            for (int i = 0; i < writes.Length; i++)
            {
                last.TryGetValue(writes[i].PersistenceId, out (long Epoch, long Seq) previous);
                bool admissible = writes[i].Epoch >= previous.Epoch && writes[i].FirstSequenceNr > previous.Seq;
                if (admissible != (rejections[i] is null))
                    return false; // admitted a bad write, or rejected a good one
                if (!admissible)
                    continue;
                last[writes[i].PersistenceId] = (writes[i].Epoch, writes[i].LastSequenceNr);
            }

            return last.All(kv => heads[kv.Key] == new StreamHead(kv.Value.Epoch, kv.Value.Seq));
        }).QuickCheckThrowOnFailure();
    }
}
