using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace FlowSense.Actors.Streams;

/// <summary>mapAsync: up to <c>parallelism</c> asynchronous calls in flight, results in upstream order (or, unordered, as they finish).</summary>
internal static class SelectAsync
{
    public static async IAsyncEnumerable<TOut> Ordered<TIn, TOut>(IAsyncEnumerable<TIn> upstream, int parallelism,
        Func<TIn, ValueTask<TOut>> selector, StageCounter counter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var inFlight = new Queue<ValueTask<TOut>>(parallelism);
        await using var source = upstream.GetAsyncEnumerator(cancellationToken);
        bool upstreamDone = false;
        while (true)
        {
            // Ask upstream for as many elements as there are free slots: the demand this stage signals is its parallelism.
            while (!upstreamDone && inFlight.Count < parallelism)
            {
                if (await source.MoveNextAsync().ConfigureAwait(false))
                    inFlight.Enqueue(selector(source.Current));
                else
                    upstreamDone = true;
            }
            if (inFlight.Count == 0)
                yield break;
            var result = await inFlight.Dequeue().ConfigureAwait(false);
            counter.CountEmitted();
            yield return result;
        }
    }

    public static async IAsyncEnumerable<TOut> Unordered<TIn, TOut>(IAsyncEnumerable<TIn> upstream, int parallelism,
        Func<TIn, ValueTask<TOut>> selector, StageCounter counter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var results = Channel.CreateUnbounded<TOut>(new UnboundedChannelOptions { SingleReader = true });
        using var slots = new SemaphoreSlim(parallelism, parallelism);
        var pump = Pump(stop.Token);
        try
        {
            // At most `parallelism` results exist at a time (a slot is freed only when its result is taken), so the
            // unbounded channel holds no more than that.
            await foreach (var result in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                slots.Release();
                counter.CountEmitted();
                yield return result;
            }
            await pump.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        async Task Pump(CancellationToken token)
        {
            var running = new List<Task>();
            try
            {
                await foreach (var element in upstream.WithCancellation(token).ConfigureAwait(false))
                {
                    await slots.WaitAsync(token).ConfigureAwait(false);
                    running.Add(Complete(selector(element)));
                    running.RemoveAll(static t => t.IsCompletedSuccessfully);
                }
                await Task.WhenAll(running).ConfigureAwait(false);
                results.Writer.TryComplete();
            }
            catch (Exception error)
            {
                results.Writer.TryComplete(error);
            }
        }

        async Task Complete(ValueTask<TOut> call)
        {
            try
            {
                results.Writer.TryWrite(await call.ConfigureAwait(false));
            }
            catch (Exception error)
            {
                results.Writer.TryComplete(error);
                throw;
            }
        }
    }
}
