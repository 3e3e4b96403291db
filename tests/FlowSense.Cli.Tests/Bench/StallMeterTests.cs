using FlowSense.Cli.Bench;

namespace FlowSense.Cli.Tests.Bench;

/// <summary>
/// The stall meter counts its wake-ups only while recording, and measures each against the 1 ms it asked for: a
/// platform that holds the thread 3 ms shows as stalls of 2 ms, every one over 1 ms.
/// </summary>
public sealed class StallMeterTests
{
    [Fact]
    public async Task Wake_ups_count_only_while_recording()
    {
        using var meter = new StallMeter();
        await Task.Delay(50);
        Assert.Equal(0, meter.Stalls.Count);

        var recording = System.Diagnostics.Stopwatch.StartNew();
        meter.Recording = true;
        await Task.Delay(200);
        meter.Recording = false;
        await Task.Delay(20); // a wake-up that saw the flag still set lands now
        long counted = meter.Stalls.Count;
        Assert.InRange(counted, 1, (long)recording.Elapsed.TotalMilliseconds); // at most one per millisecond asked

        await Task.Delay(50);
        Assert.Equal(counted, meter.Stalls.Count);
    }

    [Fact]
    public async Task A_platform_that_holds_the_thread_shows_as_stalls_beyond_what_was_asked()
    {
        using var meter = new StallMeter(asked => Thread.Sleep(asked * 3)) { Recording = true };
        await Task.Delay(100);
        meter.Recording = false;
        await Task.Delay(20);

        long counted = meter.Stalls.Count;
        Assert.True(counted > 0);
        Assert.Equal(counted, meter.OverOneMillisecond);
        Assert.InRange(meter.Stalls.ValueAt(0.5), 1_900_000, 2_900_000); // the median: noise makes a few later
    }
}
