using System.Threading.Channels;

namespace FlowSense.Actors.Streams;

/// <summary>Where streams start.</summary>
public static class Source
{
    public static Source<T> From<T>(IEnumerable<T> elements) =>
        new(context => Sources.FromEnumerable(elements, context.ShutdownToken, context.Counters.Register("source")));

    public static Source<T> FromAsyncEnumerable<T>(IAsyncEnumerable<T> elements) =>
        new(context => Sources.FromAsyncEnumerable(elements, context.ShutdownToken, context.Counters.Register("source")));

    /// <summary>Elements as the channel yields them; completes when the channel completes.</summary>
    public static Source<T> FromChannel<T>(ChannelReader<T> reader) =>
        new(context => Sources.ReadChannel(reader, context.ShutdownToken, context.Counters.Register("source")));

    /// <summary>Fed from outside through <paramref name="queue"/>'s back-pressured <see cref="StreamQueue{T}.OfferAsync"/>.</summary>
    public static Source<T> FromQueue<T>(StreamQueue<T> queue) => FromChannel(queue.Reader);

    /// <summary>The file's bytes in chunks of up to <paramref name="chunkSize"/>, read only as fast as downstream asks.</summary>
    public static Source<ReadOnlyMemory<byte>> FromFile(string path, int chunkSize = 64 * 1024) =>
        new(context => Sources.FileChunks(path, chunkSize, context.ShutdownToken, context.Counters.Register("source")));

    /// <summary>The file's lines (UTF-8), read only as fast as downstream asks.</summary>
    public static Source<string> FromFileLines(string path) =>
        new(context => Sources.FileLines(path, context.ShutdownToken, context.Counters.Register("source")));

    /// <summary>A source that, when the one <paramref name="factory"/> makes fails (or completes), makes a new one after a growing backoff.</summary>
    public static Source<T> RestartWithBackoff<T>(Func<Source<T>> factory, RestartSettings settings) =>
        new(context => RestartSource.Run(context, factory, settings, context.Counters.Register("restart")));

    /// <summary>Elements of every input, in arrival order; completes when all complete, fails when one fails.</summary>
    public static Source<T> Merge<T>(params Source<T>[] inputs) => Merge(16, inputs);

    public static Source<T> Merge<T>(int buffer, params Source<T>[] inputs) =>
        new(context => Streams.Merge.Run(inputs.Select(i => i.Open(context)).ToArray(), buffer, context.Counters.Register("merge")));
}
