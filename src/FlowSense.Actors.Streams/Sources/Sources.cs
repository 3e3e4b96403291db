using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace FlowSense.Actors.Streams;

/// <summary>The enumerations behind the source factories. Each stops emitting when the run is shut down.</summary>
internal static class Sources
{
    public static async IAsyncEnumerable<T> ReadChannel<T>(ChannelReader<T> reader, CancellationToken shutdown, StageCounter? counter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(shutdown, cancellationToken);
        while (true)
        {
            try
            {
                if (!await reader.WaitToReadAsync(both.Token).ConfigureAwait(false))
                    yield break;
            }
            catch (OperationCanceledException) when (shutdown.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            while (reader.TryRead(out var element))
            {
                counter?.CountEmitted();
                yield return element;
                if (shutdown.IsCancellationRequested)
                    yield break;
            }
        }
    }

    public static async IAsyncEnumerable<T> FromEnumerable<T>(IEnumerable<T> elements, CancellationToken shutdown, StageCounter counter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var element in elements)
        {
            if (shutdown.IsCancellationRequested)
                yield break;
            cancellationToken.ThrowIfCancellationRequested();
            counter.CountEmitted();
            yield return element;
        }
    }

    public static async IAsyncEnumerable<T> FromAsyncEnumerable<T>(IAsyncEnumerable<T> elements, CancellationToken shutdown, StageCounter counter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(shutdown, cancellationToken);
        await using var enumerator = elements.GetAsyncEnumerator(both.Token);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    yield break;
            }
            catch (OperationCanceledException) when (shutdown.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            counter.CountEmitted();
            yield return enumerator.Current;
        }
    }

    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> FileChunks(string path, int chunkSize, CancellationToken shutdown,
        StageCounter counter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        while (!shutdown.IsCancellationRequested)
        {
            // A fresh array per chunk: downstream may hold a chunk while the next one is read.
            var chunk = new byte[chunkSize];
            int read = await file.ReadAtLeastAsync(chunk, chunkSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == 0)
                yield break;
            counter.CountEmitted();
            yield return chunk.AsMemory(0, read);
        }
    }

    public static async IAsyncEnumerable<string> FileLines(string path, CancellationToken shutdown, StageCounter counter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path);
        while (!shutdown.IsCancellationRequested && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            counter.CountEmitted();
            yield return line;
        }
    }
}
