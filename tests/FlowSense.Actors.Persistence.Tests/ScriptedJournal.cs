using FlowSense.Actors.Persistence.Journal;

namespace FlowSense.Actors.Persistence.Tests;

/// <summary>
/// A test double around an <see cref="InMemoryJournal"/>: it records every write call, can be told to fail or
/// hang, and can hold writes at a gate until the test opens it.
/// </summary>
internal sealed class ScriptedJournal : IJournal
{
    private readonly InMemoryJournal _inner = new();
    private TaskCompletionSource _gate = NewOpenGate();

    /// <summary>The writes of each call, in call order.</summary>
    public List<IReadOnlyList<AtomicWrite>> Calls { get; } = [];

    /// <summary>When set, write and delete calls throw it (a storage outage).</summary>
    public Exception? Failure { get; set; }

    /// <summary>When true, write calls never complete (a hung connection).</summary>
    public bool Hang { get; set; }

    /// <summary>Completes when a write call has arrived at a closed gate.</summary>
    public TaskCompletionSource ArrivedAtGate { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Makes the next write calls wait until <see cref="OpenGate"/>.</summary>
    public void CloseGate()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ArrivedAtGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void OpenGate() => _gate.TrySetResult();

    public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        lock (Calls)
            Calls.Add([.. writes]);
        ArrivedAtGate.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        if (Hang)
            await Task.Delay(Timeout.Infinite, cancellationToken);
        if (Failure is { } failure)
            throw failure;
        return await _inner.WriteAsync(writes, cancellationToken);
    }

    public Task ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, Action<ReplayedEvent> onEvent, CancellationToken cancellationToken = default) =>
        _inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, onEvent, cancellationToken);

    public Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        _inner.HighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteToAsync(string persistenceId, long toSequenceNr, long epoch, CancellationToken cancellationToken = default) =>
        Failure is { } failure ? Task.FromException(failure) : _inner.DeleteToAsync(persistenceId, toSequenceNr, epoch, cancellationToken);

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }
}
