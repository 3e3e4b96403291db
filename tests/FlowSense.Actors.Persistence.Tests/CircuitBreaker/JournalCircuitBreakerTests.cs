using FlowSense.Actors.Persistence.CircuitBreaker;
using FlowSense.Actors.Persistence.Journal;

namespace FlowSense.Actors.Persistence.Tests.CircuitBreaker;

public sealed class JournalCircuitBreakerTests
{
    private static readonly CircuitBreakerOptions Options = new()
    {
        MaxFailures = 3,
        ResetTimeout = TimeSpan.FromSeconds(30),
        CallTimeout = TimeSpan.FromSeconds(10),
    };

    private readonly ScriptedJournal _inner = new();
    private readonly ManualClock _clock = new();
    private readonly List<CircuitState> _transitions = [];
    private readonly JournalCircuitBreaker _breaker;
    private long _nextSeq = 1;

    public JournalCircuitBreakerTests()
    {
        _breaker = new JournalCircuitBreaker(_inner, Options, _clock);
        _breaker.StateChanged += _transitions.Add;
    }

    private Task<IReadOnlyList<Exception?>> WriteNextAsync() =>
        _breaker.WriteAsync([new AtomicWrite("s", 1, [new JournalEvent(_nextSeq, "e.v1", new byte[] { 1 })])]);

    private async Task FailAsync(int times)
    {
        _inner.Failure = new IOException("connection refused");
        for (int i = 0; i < times; i++)
            await Assert.ThrowsAsync<IOException>(WriteNextAsync);
    }

    [Fact]
    public async Task Opens_after_max_consecutive_failures_and_then_fails_fast_without_calling_the_journal()
    {
        await FailAsync(3);
        int callsWhenOpened = _inner.Calls.Count;

        var ex = await Assert.ThrowsAsync<CircuitBreakerOpenException>(WriteNextAsync);

        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.Equal(callsWhenOpened, _inner.Calls.Count);
        Assert.Equal(3, ex.Failures);
        Assert.Equal(_clock.GetUtcNow() + Options.ResetTimeout, ex.RetryAt);
        Assert.Contains("after 3 consecutive failures", ex.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"at {ex.RetryAt:O}", ex.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(ex.InnerException);
    }

    [Fact]
    public async Task A_success_resets_the_failure_count()
    {
        await FailAsync(2);
        _inner.Failure = null;
        await WriteNextAsync();
        _nextSeq++;
        await FailAsync(2);

        Assert.Equal(CircuitState.Closed, _breaker.State);
    }

    [Fact]
    public async Task After_the_reset_timeout_one_trial_goes_through_and_its_success_closes_the_breaker()
    {
        await FailAsync(3);
        _inner.Failure = null;
        await Assert.ThrowsAsync<CircuitBreakerOpenException>(WriteNextAsync);

        _clock.Advance(Options.ResetTimeout);
        IReadOnlyList<Exception?> result = await WriteNextAsync();

        Assert.Equal([null], result);
        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed], _transitions);
        Assert.Equal(1, await _breaker.HighestSequenceNrAsync("s"));
    }

    [Fact]
    public async Task A_failed_trial_opens_the_breaker_for_another_reset_timeout()
    {
        await FailAsync(3);
        _clock.Advance(Options.ResetTimeout);

        await Assert.ThrowsAsync<IOException>(WriteNextAsync);
        var ex = await Assert.ThrowsAsync<CircuitBreakerOpenException>(WriteNextAsync);

        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.Equal(_clock.GetUtcNow() + Options.ResetTimeout, ex.RetryAt);
        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen, CircuitState.Open], _transitions);
    }

    [Fact]
    public async Task While_half_open_only_one_trial_is_in_flight()
    {
        await FailAsync(3);
        _inner.Failure = null;
        _clock.Advance(Options.ResetTimeout);
        _inner.CloseGate();

        Task<IReadOnlyList<Exception?>> trial = WriteNextAsync();
        await _inner.ArrivedAtGate.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<CircuitBreakerOpenException>(WriteNextAsync);
        _inner.OpenGate();
        await trial;

        Assert.Equal(CircuitState.Closed, _breaker.State);
    }

    [Fact]
    public async Task A_call_that_exceeds_the_call_timeout_counts_as_a_failure()
    {
        var breaker = new JournalCircuitBreaker(_inner, Options with { MaxFailures = 1, CallTimeout = TimeSpan.FromMilliseconds(50) });
        _inner.Hang = true;

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => breaker.WriteAsync([new AtomicWrite("s", 1, [new JournalEvent(1, "e.v1", Array.Empty<byte>())])]));

        Assert.Contains("did not complete within 50 ms", ex.Message, StringComparison.Ordinal);
        Assert.Equal(CircuitState.Open, breaker.State);
    }

    [Fact]
    public async Task Rejected_writes_are_answers_not_failures()
    {
        await _breaker.WriteAsync([new AtomicWrite("s", 5, [new JournalEvent(1, "e.v1", Array.Empty<byte>())])]);

        for (int i = 0; i < 5; i++)
        {
            IReadOnlyList<Exception?> result = await _breaker.WriteAsync([new AtomicWrite("s", 1, [new JournalEvent(2, "e.v1", Array.Empty<byte>())])]);
            Assert.IsType<StaleEpochException>(result[0]);
            await Assert.ThrowsAsync<StaleEpochException>(() => _breaker.DeleteToAsync("s", 1, 1));
        }

        Assert.Equal(CircuitState.Closed, _breaker.State);
    }

    [Fact]
    public async Task A_callers_cancellation_is_not_a_storage_failure()
    {
        var breaker = new JournalCircuitBreaker(_inner, Options with { MaxFailures = 1 });
        _inner.CloseGate();
        using var cts = new CancellationTokenSource();

        Task write = breaker.WriteAsync([new AtomicWrite("s", 1, [new JournalEvent(1, "e.v1", Array.Empty<byte>())])], cts.Token);
        await _inner.ArrivedAtGate.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        Assert.Equal(CircuitState.Closed, breaker.State);
    }
}
