using System.Threading.Channels;

namespace FlowSense.Actors.Streams.Tests;

public class LifecycleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Shutdown_stops_the_source_and_the_stream_completes_normally_after_draining()
    {
        var channel = Channel.CreateUnbounded<int>();
        for (int i = 0; i < 5; i++)
            channel.Writer.TryWrite(i);
        var firstFive = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int count = 0;
        var handle = Source.FromChannel(channel.Reader).RunWith(Sink.ForEach<int>(_ => { if (++count == 5) firstFive.SetResult(); }));
        await firstFive.Task.WaitAsync(Timeout);

        handle.KillSwitch.Shutdown();
        Assert.Equal(5, await handle.Completion.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Abort_fails_the_stream_with_the_reason()
    {
        var handle = Source.FromChannel(Channel.CreateUnbounded<int>().Reader).RunWith(Sink.Ignore<int>());
        handle.KillSwitch.Abort(new InvalidOperationException("operator stopped the feed"));
        var error = await Assert.ThrowsAsync<StreamAbortedException>(() => handle.Completion.WaitAsync(Timeout));
        Assert.Equal("operator stopped the feed", error.InnerException!.Message);
    }

    [Fact]
    public async Task A_shared_kill_switch_stops_every_stream_it_is_in()
    {
        var shared = new SharedKillSwitch("feeds");
        var a = Source.FromChannel(Channel.CreateUnbounded<int>().Reader).Via(shared).RunWith(Sink.Ignore<int>());
        var b = Source.FromChannel(Channel.CreateUnbounded<int>().Reader).Via(shared).RunWith(Sink.Ignore<int>());
        shared.Shutdown();
        await Task.WhenAll(a.Completion, b.Completion).WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_failing_source_fails_the_stream_downstream()
    {
        var handle = Source.From(Failing()).Select(x => x + 1).Buffer(4, OverflowStrategy.Backpressure).RunWith(Sink.Ignore<int>());
        var error = await Assert.ThrowsAsync<IOException>(() => handle.Completion.WaitAsync(Timeout));
        Assert.Equal("disk gone", error.Message);

        static IEnumerable<int> Failing()
        {
            yield return 1;
            throw new IOException("disk gone");
        }
    }

    [Fact]
    public async Task A_restarting_source_restarts_after_failures_with_backoff_until_its_limit()
    {
        int attempts = 0;
        var settings = new RestartSettings(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4), RandomFactor: 0.2, MaxRestarts: 3);
        var handle = Source.RestartWithBackoff(() => { attempts++; return Source.From(FailAfterOne(attempts)); }, settings)
            .RunWith(Sink.ToList<int>());

        await Assert.ThrowsAsync<IOException>(() => handle.Completion.WaitAsync(Timeout));
        Assert.Equal(4, attempts); // the first run and three restarts
        Assert.Equal(3, handle.Counters.Stage("restart").Restarts);

        static IEnumerable<int> FailAfterOne(int attempt)
        {
            yield return attempt;
            throw new IOException("connection reset");
        }
    }

    [Fact]
    public void Backoff_grows_exponentially_is_capped_and_carries_jitter()
    {
        var settings = new RestartSettings(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), RandomFactor: 0.5);
        var random = new Random(3);
        var delays = Enumerable.Range(0, 6).Select(n => settings.Delay(n, random)).ToArray();
        Assert.InRange(delays[0].TotalMilliseconds, 100, 150);
        Assert.InRange(delays[1].TotalMilliseconds, 200, 300);
        Assert.InRange(delays[2].TotalMilliseconds, 400, 600);
        Assert.InRange(delays[5].TotalMilliseconds, 1000, 1500); // capped at max, then jittered
        var again = Enumerable.Range(0, 6).Select(n => settings.Delay(n, new Random(4))).ToArray();
        Assert.NotEqual(delays, again); // jitter: the same attempt waits differently with other random draws
    }

    [Fact]
    public async Task File_sources_read_chunks_and_lines()
    {
        string path = Path.GetTempFileName();
        await File.WriteAllLinesAsync(path, ["a,1", "b,2", "c,3"]);
        try
        {
            var lines = await Source.FromFileLines(path).RunWith(Sink.ToList<string>()).Completion.WaitAsync(Timeout);
            Assert.Equal(["a,1", "b,2", "c,3"], lines);
            long bytes = await Source.FromFile(path, chunkSize: 4).RunWith(Sink.Aggregate<ReadOnlyMemory<byte>, long>(0, (n, c) => n + c.Length)).Completion.WaitAsync(Timeout);
            Assert.Equal(new FileInfo(path).Length, bytes);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Throttle_spaces_elements_to_the_configured_rate()
    {
        var started = DateTime.UtcNow;
        var handle = Source.From(Enumerable.Range(0, 6)).Throttle(elements: 100, per: TimeSpan.FromSeconds(1), maximumBurst: 1).RunWith(Sink.ToList<int>());
        Assert.Equal(6, (await handle.Completion.WaitAsync(Timeout)).Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(45), "6 elements at 100/s with a burst of 1 take at least 50 ms");
    }

    [Fact]
    public async Task Async_enumerables_are_sources()
    {
        var result = await Source.FromAsyncEnumerable(Numbers()).RunWith(Sink.ToList<int>()).Completion.WaitAsync(Timeout);
        Assert.Equal([1, 2, 3], result);

        static async IAsyncEnumerable<int> Numbers()
        {
            for (int i = 1; i <= 3; i++)
            {
                await Task.Yield();
                yield return i;
            }
        }
    }
}
