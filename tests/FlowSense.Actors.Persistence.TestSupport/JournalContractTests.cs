using System.Text;
using FlowSense.Actors.Persistence.Journal;

namespace FlowSense.Actors.Persistence.TestSupport;

/// <summary>
/// What every journal back end must do, run against each of them (PostgreSQL, SQLite) by a concrete subclass.
/// Every test uses its own persistence ids, so the tests of one class may share a database.
/// </summary>
public abstract class JournalContractTests
{
    /// <summary>The journal under test.</summary>
    protected abstract IJournal Journal { get; }

    protected static string NewId(string prefix = "symbol") => $"{prefix}-{Guid.NewGuid():N}";

    protected static JournalEvent Event(long sequenceNr, string text = "", string manifest = "test-event.v1") =>
        new(sequenceNr, manifest, Encoding.UTF8.GetBytes(text.Length == 0 ? $"event {sequenceNr}" : text));

    protected static AtomicWrite Write(string id, long epoch, long from, int count) =>
        new(id, epoch, [.. Enumerable.Range(0, count).Select(i => Event(from + i))]);

    [Fact]
    public async Task Replay_returns_the_written_events_in_order_with_manifest_payload_and_epoch()
    {
        string id = NewId();
        await Journal.WriteAsync(new AtomicWrite(id, 3, [Event(1, "first", "trade.v1"), Event(2, "second", "quote.v2")]));
        await Journal.WriteAsync(new AtomicWrite(id, 3, [Event(3, "third")]));

        List<ReplayedEvent> events = await Journal.ReadAllAsync(id);

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.SequenceNr));
        Assert.Equal(["first", "second", "third"], events.Select(e => Encoding.UTF8.GetString(e.Payload.Span)));
        Assert.Equal(["trade.v1", "quote.v2", "test-event.v1"], events.Select(e => e.Manifest));
        Assert.All(events, e => Assert.Equal(3, e.Epoch));
        Assert.All(events, e => Assert.Equal(id, e.PersistenceId));
        Assert.All(events, e => Assert.InRange(e.WrittenAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5)));
    }

    [Fact]
    public async Task Replay_honours_the_inclusive_sequence_range()
    {
        string id = NewId();
        await Journal.WriteAsync(Write(id, 1, 1, 10));
        var seen = new List<long>();

        await Journal.ReplayAsync(id, 4, 7, e => seen.Add(e.SequenceNr));

        Assert.Equal([4L, 5L, 6L, 7L], seen);
    }

    [Fact]
    public async Task Payloads_of_any_size_round_trip_byte_for_byte()
    {
        string id = NewId();
        byte[] large = new byte[1 << 20];
        new Random(42).NextBytes(large);
        await Journal.WriteAsync(new AtomicWrite(id, 1, [new JournalEvent(1, "blob.v1", Array.Empty<byte>()), new JournalEvent(2, "blob.v1", large)]));

        List<ReplayedEvent> events = await Journal.ReadAllAsync(id);

        Assert.Equal(0, events[0].Payload.Length);
        Assert.True(events[1].Payload.Span.SequenceEqual(large));
    }

    [Fact]
    public async Task Highest_sequence_nr_is_zero_for_an_unknown_stream_and_survives_deletion()
    {
        string id = NewId();
        Assert.Equal(0, await Journal.HighestSequenceNrAsync(id));
        await Journal.WriteAsync(Write(id, 1, 1, 5));
        Assert.Equal(5, await Journal.HighestSequenceNrAsync(id));

        await Journal.DeleteToAsync(id, 5, 1);

        Assert.Empty(await Journal.ReadAllAsync(id));
        Assert.Equal(5, await Journal.HighestSequenceNrAsync(id));
    }

    [Fact]
    public async Task DeleteTo_removes_events_up_to_and_including_the_bound()
    {
        string id = NewId();
        await Journal.WriteAsync(Write(id, 1, 1, 6));

        await Journal.DeleteToAsync(id, 4, 1);

        Assert.Equal([5L, 6L], (await Journal.ReadAllAsync(id)).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task A_duplicate_sequence_nr_is_rejected_with_a_clear_reason_and_stores_nothing_of_that_write()
    {
        string id = NewId();
        await Journal.WriteAsync(Write(id, 1, 1, 3));

        var ex = await Assert.ThrowsAsync<SequenceConflictException>(() => Journal.WriteAsync(Write(id, 1, 3, 2)));

        Assert.Equal(3, ex.FirstSequenceNr);
        Assert.Equal(3, ex.HighestStored);
        Assert.Contains("not above the highest stored one, 3", ex.Message, StringComparison.Ordinal);
        Assert.Equal([1L, 2L, 3L], (await Journal.ReadAllAsync(id)).Select(e => e.SequenceNr));
        Assert.Equal(3, await Journal.HighestSequenceNrAsync(id));
    }

    [Fact]
    public async Task A_rejected_write_does_not_affect_the_other_writes_of_the_batch()
    {
        string good = NewId("good"), stale = NewId("stale"), duplicate = NewId("dup");
        await Journal.WriteAsync(Write(stale, 5, 1, 1));
        await Journal.WriteAsync(Write(duplicate, 1, 1, 2));

        IReadOnlyList<Exception?> results = await Journal.WriteAsync(
            [Write(good, 1, 1, 2), Write(stale, 4, 2, 1), Write(duplicate, 1, 2, 1), Write(good, 1, 3, 1)]);

        Assert.Null(results[0]);
        Assert.IsType<StaleEpochException>(results[1]);
        Assert.IsType<SequenceConflictException>(results[2]);
        Assert.Null(results[3]);
        Assert.Equal([1L, 2L, 3L], (await Journal.ReadAllAsync(good)).Select(e => e.SequenceNr));
        Assert.Single(await Journal.ReadAllAsync(stale));
        Assert.Equal(2, (await Journal.ReadAllAsync(duplicate)).Count);
    }

    [Fact]
    public async Task A_write_with_an_older_epoch_is_fenced_off_once_a_newer_epoch_has_written()
    {
        string id = NewId();
        await Journal.WriteAsync(Write(id, 1, 1, 2));
        await Journal.WriteAsync(Write(id, 2, 3, 1)); // the new owner takes over

        var ex = await Assert.ThrowsAsync<StaleEpochException>(() => Journal.WriteAsync(Write(id, 1, 4, 1)));

        Assert.Equal(1, ex.WriterEpoch);
        Assert.Equal(2, ex.StoredEpoch);
        Assert.Contains("epoch 1 is older than the stored epoch 2", ex.Message, StringComparison.Ordinal);
        Assert.Equal([1L, 1L, 2L], (await Journal.ReadAllAsync(id)).Select(e => e.Epoch));
    }

    [Fact]
    public async Task A_stale_owner_cannot_delete_and_a_newer_owners_delete_fences_older_writers()
    {
        string id = NewId();
        await Journal.WriteAsync(Write(id, 2, 1, 3));

        await Assert.ThrowsAsync<StaleEpochException>(() => Journal.DeleteToAsync(id, 3, 1));
        await Journal.DeleteToAsync(id, 1, 7);

        await Assert.ThrowsAsync<StaleEpochException>(() => Journal.WriteAsync(Write(id, 2, 4, 1)));
        Assert.Equal([2L, 3L], (await Journal.ReadAllAsync(id)).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Concurrent_writers_with_different_epochs_never_interleave_after_the_takeover()
    {
        // Two owners of one entity race: the old one (epoch 1) and the new one (epoch 2), each appending one event
        // at a time after the highest it sees. Whatever the interleaving, once epoch 2 has committed, no epoch-1
        // event may follow it, and the stream has no holes.
        string id = NewId();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> old = AppendUntilFencedAsync(id, 1, 200, start.Task);
        Task<int> young = AppendUntilFencedAsync(id, 2, 200, start.Task);
        start.SetResult();
        int[] appended = await Task.WhenAll(old, young);

        List<ReplayedEvent> events = await Journal.ReadAllAsync(id);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.SequenceNr));
        int firstYoung = events.FindIndex(e => e.Epoch == 2);
        Assert.True(firstYoung >= 0, "the newer owner never managed to write");
        Assert.All(events.Skip(firstYoung), e => Assert.Equal(2, e.Epoch));
        Assert.Equal(appended.Sum(), events.Count);
        Assert.Equal(200, appended[1]);
    }

    /// <summary>Appends up to <paramref name="count"/> events one by one; returns how many were stored before a stale-epoch rejection.</summary>
    private async Task<int> AppendUntilFencedAsync(string id, long epoch, int count, Task start)
    {
        await start;
        int stored = 0;
        while (stored < count)
        {
            long next = await Journal.HighestSequenceNrAsync(id) + 1;
            Exception? rejection = (await Journal.WriteAsync([Write(id, epoch, next, 1)]))[0];
            switch (rejection)
            {
                case null:
                    stored++;
                    break;
                case SequenceConflictException:
                    continue; // the other writer took that number; read the head again
                case StaleEpochException:
                    return stored;
                default:
                    throw rejection;
            }
        }

        return stored;
    }
}
