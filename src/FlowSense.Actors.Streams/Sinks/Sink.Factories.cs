using System.Threading.Channels;

namespace FlowSense.Actors.Streams;

/// <summary>Where streams end.</summary>
public static class Sink
{
    /// <summary>Runs <paramref name="action"/> on each element; the result is the number of elements.</summary>
    public static Sink<T, long> ForEach<T>(Action<T> action) => new(async (context, upstream) =>
    {
        long count = 0;
        await foreach (var element in upstream.WithCancellation(context.AbortToken).ConfigureAwait(false))
        {
            action(element);
            count++;
        }
        return count;
    });

    /// <summary>Awaits <paramref name="action"/> on each element before asking for the next one.</summary>
    public static Sink<T, long> ForEachAsync<T>(Func<T, ValueTask> action) => new(async (context, upstream) =>
    {
        long count = 0;
        await foreach (var element in upstream.WithCancellation(context.AbortToken).ConfigureAwait(false))
        {
            await action(element).ConfigureAwait(false);
            count++;
        }
        return count;
    });

    public static Sink<T, TAccumulate> Aggregate<T, TAccumulate>(TAccumulate seed, Func<TAccumulate, T, TAccumulate> aggregate) =>
        new(async (context, upstream) =>
        {
            var accumulated = seed;
            await foreach (var element in upstream.WithCancellation(context.AbortToken).ConfigureAwait(false))
                accumulated = aggregate(accumulated, element);
            return accumulated;
        });

    public static Sink<T, List<T>> ToList<T>() => Aggregate<T, List<T>>([], (list, element) => { list.Add(element); return list; });

    public static Sink<T, long> Ignore<T>() => ForEach<T>(static _ => { });

    /// <summary>Writes into <paramref name="writer"/>, waiting when it is full; completes it when the stream ends, if asked to.</summary>
    public static Sink<T, long> ToChannel<T>(ChannelWriter<T> writer, bool completeWriter = true) => new(async (context, upstream) =>
    {
        long count = 0;
        Exception? failure = null;
        try
        {
            await foreach (var element in upstream.WithCancellation(context.AbortToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(element, context.AbortToken).ConfigureAwait(false);
                count++;
            }
        }
        catch (Exception error)
        {
            failure = error;
            throw;
        }
        finally
        {
            if (completeWriter)
                writer.TryComplete(failure);
        }
        return count;
    });

    /// <summary>Each element to the output <paramref name="partitioner"/> picks (0 to n−1); the slowest busy output sets the pace.</summary>
    public static Sink<T, TResult[]> Partition<T, TResult>(int outputs, Func<T, int> partitioner, Func<int, Sink<T, TResult>> sinkFor,
        int bufferPerOutput = 16) =>
        FanOutTo(Enumerable.Range(0, outputs).Select(sinkFor).ToArray(), bufferPerOutput, "partition",
            (element, _) => [partitioner(element)]);

    /// <summary>Every element to every output; the slowest output sets the pace.</summary>
    public static Sink<T, TResult[]> Broadcast<T, TResult>(params Sink<T, TResult>[] outputs) =>
        FanOutTo(outputs, 16, "broadcast", static (_, n) => Enumerable.Range(0, n));

    private static Sink<T, TResult[]> FanOutTo<T, TResult>(Sink<T, TResult>[] outputs, int bufferPerOutput, string kind,
        Func<T, int, IEnumerable<int>> route) =>
        new((context, upstream) => FanOut.Run(context, upstream, outputs, bufferPerOutput, route, context.Counters.Register(kind)));
}
