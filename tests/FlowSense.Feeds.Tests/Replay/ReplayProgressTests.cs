using FlowSense.Actors.Streams;
using FlowSense.Actors.TestKit;
using FlowSense.Feeds.Replay;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Replay;

/// <summary>Progress is monotonic, reaches 100%, is reported at a bounded rate, and the file is read only as fast as it is consumed.</summary>
public sealed class ReplayProgressTests
{
    private static readonly string ItchFile = SharedData.File("itch", "ex20101224.TEST_ITCH_50");
    private static readonly DateOnly ItchDay = new(2010, 12, 24);

    [Fact]
    public async Task Progress_is_monotonic_and_ends_at_100_percent()
    {
        var reports = new List<ReplayProgress>();
        var replay = ReplaySource.Itch(ItchFile, ItchDay, new ReplayOptions
        {
            BatchSize = 500, ProgressInterval = TimeSpan.Zero, Progress = new ReplayPacingTests.Collect(reports),
        });

        await replay.Source.RunWith(Sink.Ignore<EventBatch>()).Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(reports.Count > 20, $"{reports.Count} reports");
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].Fraction >= reports[i - 1].Fraction, $"report {i} went backwards");
            Assert.True(reports[i].Events >= reports[i - 1].Events);
            Assert.True(reports[i].Done >= reports[i - 1].Done);
        }
        Assert.All(reports[..^1], r => Assert.False(r.IsComplete));
        var last = reports[^1];
        Assert.True(last.IsComplete);
        Assert.Equal(1.0, last.Fraction);
        Assert.Equal(last.Total, last.Done);
        Assert.Equal(12003, last.Events); // 7000 order events + 5000 trades + 3 statuses (RITCH's counts)
    }

    [Fact]
    public async Task Progress_is_reported_at_most_once_per_interval_plus_the_final_report()
    {
        var time = new VirtualTime(); // never advanced: the whole replay happens within one interval
        var reports = new List<ReplayProgress>();
        var replay = ReplaySource.Itch(ItchFile, ItchDay, new ReplayOptions
        {
            BatchSize = 100, Time = time, ProgressInterval = TimeSpan.FromSeconds(1), Progress = new ReplayPacingTests.Collect(reports),
        });

        long batches = await replay.Source.RunWith(Sink.Ignore<EventBatch>(), new Materializer(time)).Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(batches > 100);
        Assert.Equal(2, reports.Count); // the first batch, and completion
        Assert.True(reports[1].IsComplete);
    }

    [Fact]
    public async Task A_slow_sink_holds_back_the_file_read()
    {
        const int batchSize = 100, buffered = 2;
        const int maxFrame = 52; // the longest ITCH 5.0 message in the file (50 bytes) plus its length prefix
        var options = new ReplayOptions { BatchSize = batchSize };
        var replay = ReplaySource.Itch(ItchFile, ItchDay, options);
        long consumed = 0, worstExcess = long.MinValue;

        await replay.Source.Buffer(buffered, OverflowStrategy.Backpressure)
            .RunWith(Sink.ForEachAsync<EventBatch>(async batch =>
            {
                consumed += batch.Count;
                // Read so far ≤ one read buffer + the frames of what was consumed, what waits in the buffer stage,
                // the batch in hand and the one being built, plus a few messages that carry no event (S, R).
                long bytesRead = replay.Counters.Snapshot().Done;
                long bound = options.ItchBufferSize + 2 + ((consumed + ((buffered + 2) * batchSize) + 20) * maxFrame);
                worstExcess = Math.Max(worstExcess, bytesRead - bound);
                await Task.Yield(); // a sink that gives the reader every chance to run ahead
            }))
            .Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(worstExcess <= 0, $"the reader ran {worstExcess} bytes past the bound");
        Assert.Equal(12003, consumed);
    }
}
