using FlowSense.Sinks.PostgreSql.TimeSeries;

namespace FlowSense.Sinks.PostgreSql.Tests.Scripted;

/// <summary>
/// A loader that fails while the test says so and otherwise "stores" every row, remembering the batch sizes; a test
/// can also hold a load in progress until it releases it.
/// </summary>
internal sealed class ScriptedLoader : IBatchLoader
{
    private readonly Lock _gate = new();
    private readonly List<int> _loaded = [];
    private Func<Exception>? _failure;
    private int _failuresLeft;
    private TaskCompletionSource? _hold;

    private int _attempts;

    /// <summary>Load attempts so far, failed or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The sizes of the batches loaded, in order.</summary>
    public IReadOnlyList<int> Loaded
    {
        get
        {
            lock (_gate)
                return [.. _loaded];
        }
    }

    /// <summary>The next <paramref name="times"/> loads throw <paramref name="failure"/> (int.MaxValue: until <see cref="Recover"/>).</summary>
    public void FailNext(int times, Func<Exception> failure)
    {
        lock (_gate)
        {
            _failuresLeft = times;
            _failure = failure;
        }
    }

    /// <summary>Loads succeed from now on.</summary>
    public void Recover()
    {
        lock (_gate)
            _failuresLeft = 0;
    }

    /// <summary>Loads wait from now on until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_gate)
            _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Lets held loads go on.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _hold?.TrySetResult();
            _hold = null;
        }
    }

    public async Task<int> LoadAsync(EncodedBatch batch, CancellationToken cancellationToken)
    {
        Task held;
        Exception? failure = null;
        lock (_gate)
        {
            _attempts++;
            held = _hold?.Task ?? Task.CompletedTask;
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                failure = _failure!();
            }
        }

        await held.WaitAsync(cancellationToken);
        if (failure is not null)
            throw failure;
        lock (_gate)
            _loaded.Add(batch.Count);
        return batch.Count;
    }

    public ValueTask ResetConnectionAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
