using FlowSense.Actors.Persistence.Journal;

namespace FlowSense.Actors.Persistence.CircuitBreaker;

/// <summary>
/// Protects the node and the database when the journal's storage is failing: after
/// <see cref="CircuitBreakerOptions.MaxFailures"/> consecutive failed (or timed-out) writes or deletes the breaker
/// opens, and further calls fail at once with <see cref="CircuitBreakerOpenException"/> instead of piling up on a
/// dead connection. After <see cref="CircuitBreakerOptions.ResetTimeout"/> one trial call goes through (half-open):
/// success closes the breaker, failure opens it for another reset timeout.
/// A write whose events were rejected (stale epoch, sequence conflict) is a success here: the storage answered.
/// Reads pass through unguarded, because a recovery replay may rightly take longer than any write timeout.
/// </summary>
public sealed class JournalCircuitBreaker : IJournal
{
    private readonly IJournal _inner;
    private readonly CircuitBreakerOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    private CircuitState _state = CircuitState.Closed;
    private int _failures;
    private Exception? _lastFailure;
    private DateTimeOffset _retryAt;
    private bool _trialInFlight;

    /// <param name="inner">The journal to guard.</param>
    /// <param name="options">Thresholds.</param>
    /// <param name="time">The clock for the reset timeout and call timeout (tests pass a manual one).</param>
    public JournalCircuitBreaker(IJournal inner, CircuitBreakerOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        options ??= new CircuitBreakerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFailures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CallTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ResetTimeout, TimeSpan.Zero);
        _inner = inner;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Raised after every state change, with the new state (for logs and metrics).</summary>
    public event Action<CircuitState>? StateChanged;

    /// <summary>The current state. An open breaker whose reset timeout has passed still reads Open until the next call.</summary>
    public CircuitState State
    {
        get
        {
            lock (_gate)
                return _state;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default) =>
        GuardAsync(ct => _inner.WriteAsync(writes, ct), cancellationToken);

    /// <inheritdoc />
    public Task DeleteToAsync(string persistenceId, long toSequenceNr, long epoch, CancellationToken cancellationToken = default) =>
        GuardAsync(async ct =>
        {
            await _inner.DeleteToAsync(persistenceId, toSequenceNr, epoch, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, Action<ReplayedEvent> onEvent, CancellationToken cancellationToken = default) =>
        _inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, onEvent, cancellationToken);

    /// <inheritdoc />
    public Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        _inner.HighestSequenceNrAsync(persistenceId, cancellationToken);

    private async Task<T> GuardAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        bool trial = Admit();
        try
        {
            T result = await call(cancellationToken).WaitAsync(_options.CallTimeout, _time, cancellationToken).ConfigureAwait(false);
            OnSuccess();
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up; that says nothing about the storage.
            if (trial)
                EndTrialWithoutVerdict();
            throw;
        }
        catch (StaleEpochException)
        {
            // A fenced delete: the storage answered correctly.
            OnSuccess();
            throw;
        }
        catch (TimeoutException ex)
        {
            var timeout = new TimeoutException(
                $"Journal call did not complete within {_options.CallTimeout.TotalMilliseconds:0} ms; it may still commit, so recover before retrying.", ex);
            OnFailure(timeout);
            throw timeout;
        }
        catch (Exception ex)
        {
            OnFailure(ex);
            throw;
        }
    }

    /// <returns>True when this call is the half-open trial.</returns>
    private bool Admit()
    {
        lock (_gate)
        {
            switch (_state)
            {
                case CircuitState.Closed:
                    return false;
                case CircuitState.Open when _time.GetUtcNow() >= _retryAt:
                    _trialInFlight = true;
                    SetState(CircuitState.HalfOpen);
                    return true;
                case CircuitState.HalfOpen when !_trialInFlight:
                    _trialInFlight = true;
                    return true;
                default:
                    throw new CircuitBreakerOpenException(_failures, _retryAt, _lastFailure);
            }
        }
    }

    private void OnSuccess()
    {
        lock (_gate)
        {
            _failures = 0;
            _lastFailure = null;
            _trialInFlight = false;
            if (_state != CircuitState.Closed)
                SetState(CircuitState.Closed);
        }
    }

    private void OnFailure(Exception failure)
    {
        lock (_gate)
        {
            _failures++;
            _lastFailure = failure;
            _trialInFlight = false;
            if (_state == CircuitState.HalfOpen || (_state == CircuitState.Closed && _failures >= _options.MaxFailures))
            {
                _retryAt = _time.GetUtcNow() + _options.ResetTimeout;
                SetState(CircuitState.Open);
            }
        }
    }

    private void EndTrialWithoutVerdict()
    {
        lock (_gate)
            _trialInFlight = false;
    }

    // Called under _gate; handlers must be quick and must not call back into the breaker.
    private void SetState(CircuitState state)
    {
        _state = state;
        StateChanged?.Invoke(state);
    }
}
