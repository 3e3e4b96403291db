namespace FlowSense.Actors.Streams;

/// <summary>Runs graphs. Its clock drives time-based stages (groupedWithin, throttle, restart backoff), so tests can use virtual time.</summary>
public sealed class Materializer(TimeProvider? time = null)
{
    public static Materializer Default { get; } = new();

    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    internal StreamHandle<TResult> Run<T, TResult>(Source<T> source, Sink<T, TResult> sink)
    {
        var killSwitch = new UniqueKillSwitch();
        var counters = new StreamCounters();
        var context = new StreamContext(Time, counters, killSwitch);
        var completion = RunAsync(source, sink, context);
        return new StreamHandle<TResult>(completion, killSwitch, counters);
    }

    private static async Task<TResult> RunAsync<T, TResult>(Source<T> source, Sink<T, TResult> sink, StreamContext context)
    {
        await Task.Yield(); // materialization returns at once; the graph runs on the thread pool
        try
        {
            return await sink.Consume(context, source.Open(context)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.AbortReason is { } reason)
        {
            throw new StreamAbortedException(reason);
        }
    }
}

/// <summary>The stream was aborted through its kill switch; <see cref="Exception.InnerException"/> is the reason given.</summary>
public sealed class StreamAbortedException(Exception reason)
    : Exception($"The stream was aborted: {reason.Message}", reason);
