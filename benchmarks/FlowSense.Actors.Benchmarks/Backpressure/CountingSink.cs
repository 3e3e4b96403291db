namespace FlowSense.Actors.Benchmarks.Backpressure;

/// <summary>Counts what it receives and completes <paramref name="done"/> at the expected count.</summary>
internal sealed class CountingSink(long expected, TaskCompletionSource done) : UntypedActor
{
    private long _received;

    protected override void OnReceive(object message)
    {
        if (++_received == expected)
            done.TrySetResult();
    }
}
