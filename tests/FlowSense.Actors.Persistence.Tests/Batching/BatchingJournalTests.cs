using FlowSense.Actors.Persistence.Batching;
using FlowSense.Actors.Persistence.Journal;

namespace FlowSense.Actors.Persistence.Tests.Batching;

public sealed class BatchingJournalTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // Most tests hold the first batch at the inner journal's gate and look at what queues behind it.
    private static readonly BatchingJournalOptions OneAtATime = new() { MaxConcurrentBatches = 1 };

    private static AtomicWrite W(string id, long epoch, long first, int count = 1) =>
        new(id, epoch, [.. Enumerable.Range(0, count).Select(i => new JournalEvent(first + i, "e.v1", new byte[] { 1 }))]);

    [Fact]
    public async Task Writes_that_queue_up_while_a_batch_commits_go_out_together_in_the_next_one()
    {
        var inner = new ScriptedJournal();
        await using var journal = new BatchingJournal(inner, OneAtATime);
        inner.CloseGate();
        Task<IReadOnlyList<Exception?>> first = journal.WriteAsync([W("first", 1, 1)]);
        await inner.ArrivedAtGate.Task.WaitAsync(Patience);

        Task<IReadOnlyList<Exception?>>[] queued = [.. Enumerable.Range(0, 50).Select(i => journal.WriteAsync([W($"s{i}", 1, 1)]))];
        inner.OpenGate();
        await Task.WhenAll(queued).WaitAsync(Patience);
        await first.WaitAsync(Patience);

        Assert.Equal(2, inner.Calls.Count);
        Assert.Equal(50, inner.Calls[1].Count);
        Assert.Equal(2, journal.BatchesWritten);
        for (int i = 0; i < 50; i++)
            Assert.Equal(1, await journal.HighestSequenceNrAsync($"s{i}"));
    }

    [Fact]
    public async Task A_caller_completes_only_after_the_commit_that_holds_its_writes()
    {
        var inner = new ScriptedJournal();
        await using var journal = new BatchingJournal(inner, OneAtATime);
        inner.CloseGate();

        Task<IReadOnlyList<Exception?>> write = journal.WriteAsync([W("s", 1, 1)]);
        await inner.ArrivedAtGate.Task.WaitAsync(Patience);

        Assert.False(write.IsCompleted);
        inner.OpenGate();
        await write.WaitAsync(Patience);
    }

    [Fact]
    public async Task Each_caller_gets_its_own_rejections_from_a_shared_batch()
    {
        var inner = new ScriptedJournal();
        await using var journal = new BatchingJournal(inner, OneAtATime);
        await journal.WriteAsync(W("fenced", 5, 1));
        inner.CloseGate();
        Task<IReadOnlyList<Exception?>> holder = journal.WriteAsync([W("holder", 1, 1)]);
        await inner.ArrivedAtGate.Task.WaitAsync(Patience);

        Task<IReadOnlyList<Exception?>> a = journal.WriteAsync([W("a", 1, 1), W("fenced", 4, 2)]);
        Task<IReadOnlyList<Exception?>> b = journal.WriteAsync([W("b", 1, 1)]);
        Task<IReadOnlyList<Exception?>> c = journal.WriteAsync([W("a", 1, 1)]); // duplicate of a's first write
        inner.OpenGate();
        await Task.WhenAll(holder, a, b, c).WaitAsync(Patience);

        Assert.Equal(3, inner.Calls.Count);
        Assert.Equal(4, inner.Calls[2].Count);
        Assert.Null((await a)[0]);
        Assert.IsType<StaleEpochException>((await a)[1]);
        Assert.Equal([null], await b);
        Assert.IsType<SequenceConflictException>(Assert.Single(await c));
    }

    [Fact]
    public async Task When_the_inner_journal_fails_every_caller_of_that_batch_sees_the_failure()
    {
        var inner = new ScriptedJournal();
        await using var journal = new BatchingJournal(inner, OneAtATime);
        inner.CloseGate();
        Task holder = journal.WriteAsync([W("holder", 1, 1)]);
        await inner.ArrivedAtGate.Task.WaitAsync(Patience);
        Task<IReadOnlyList<Exception?>>[] batch = [.. Enumerable.Range(0, 5).Select(i => journal.WriteAsync([W($"s{i}", 1, 1)]))];

        inner.Failure = new IOException("disk on fire");
        inner.OpenGate();

        foreach (Task<IReadOnlyList<Exception?>> write in batch)
            Assert.Equal("disk on fire", (await Assert.ThrowsAsync<IOException>(() => write.WaitAsync(Patience))).Message);
        await Assert.ThrowsAsync<IOException>(() => holder.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_batch_stops_growing_at_the_event_limit_without_splitting_a_callers_write()
    {
        var inner = new ScriptedJournal();
        await using var journal = new BatchingJournal(inner, OneAtATime with { MaxBatchEvents = 10 });
        inner.CloseGate();
        Task holder = journal.WriteAsync([W("holder", 1, 1)]);
        await inner.ArrivedAtGate.Task.WaitAsync(Patience);

        Task[] writes = [.. Enumerable.Range(0, 5).Select(i => journal.WriteAsync([W($"s{i}", 1, 1, 4)]))];
        inner.OpenGate();
        await Task.WhenAll(writes).WaitAsync(Patience);
        await holder;

        // 5 writes of 4 events with a limit of 10: 12, then 8 (a batch closes once it reaches the limit).
        Assert.Equal([3, 2], inner.Calls.Skip(1).Select(c => c.Count));
    }

    [Fact]
    public async Task Disposing_commits_the_queued_writes_then_refuses_new_ones()
    {
        var inner = new ScriptedJournal();
        var journal = new BatchingJournal(inner, OneAtATime);
        inner.CloseGate();
        Task holder = journal.WriteAsync([W("holder", 1, 1)]);
        await inner.ArrivedAtGate.Task.WaitAsync(Patience);
        Task queued = journal.WriteAsync([W("queued", 1, 1)]);

        ValueTask disposal = journal.DisposeAsync();
        inner.OpenGate();
        await disposal;

        await queued;
        await holder;
        Assert.Equal(1, await inner.HighestSequenceNrAsync("queued"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.WriteAsync([W("late", 1, 1)]));
    }

    [Fact]
    public async Task A_second_batch_commits_while_the_first_one_waits_and_a_third_waits_for_a_free_slot()
    {
        var inner = new ScriptedJournal();
        await using var journal = new BatchingJournal(inner, new BatchingJournalOptions { MaxConcurrentBatches = 2 });
        inner.CloseGate();
        Task first = journal.WriteAsync([W("first", 1, 1)]);
        await inner.ArrivedAtGate.Task.WaitAsync(Patience);
        Task second = journal.WriteAsync([W("second", 1, 1)]);
        await WaitUntilAsync(() => inner.Calls.Count == 2); // sent although the first has not committed

        Task[] queued = [.. Enumerable.Range(0, 20).Select(i => journal.WriteAsync([W($"q{i}", 1, 1)]))];
        Assert.Equal(2, inner.Calls.Count); // both slots busy: the rest waits, together
        inner.OpenGate();
        await Task.WhenAll([first, second, .. queued]).WaitAsync(Patience);

        Assert.Equal(3, inner.Calls.Count);
        Assert.Equal(20, inner.Calls[2].Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
            await Task.Delay(5, timeout.Token);
    }
}
