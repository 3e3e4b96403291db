using FlowSense.Cli.Bench;

namespace FlowSense.Cli.Tests.Bench;

/// <summary>Each interval of a latency series holds exactly what was recorded since the one before, to bucket precision.</summary>
public sealed class LatencySeriesTests
{
    [Fact]
    public void Each_interval_summarizes_only_what_was_recorded_since_the_previous_one()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(999); // before the series starts: in no interval
        var series = new LatencySeries(histogram);

        for (int i = 1; i <= 100; i++)
            histogram.Record(i * 1_000); // 1 .. 100 µs
        series.Sample(1.0);
        series.Sample(2.0); // nothing recorded: no interval
        for (int i = 0; i < 98; i++)
            histogram.Record(10_000);
        histogram.Record(2_000_000);
        histogram.Record(5_000_000);
        series.Sample(3.0);

        var intervals = series.Intervals;
        Assert.Equal([1.0, 3.0], intervals.Select(i => i.AtSeconds));

        var first = intervals[0];
        Assert.Equal(100, first.Count);
        Assert.InRange(first.P50Ns, 50_000, 50_000 + 50_000 / 32);
        Assert.InRange(first.P99Ns, 99_000, 99_000 + 99_000 / 32);
        Assert.InRange(first.MaxNs, 100_000, 100_000 + 100_000 / 32);

        var third = intervals[1];
        Assert.Equal(100, third.Count);
        Assert.InRange(third.P50Ns, 10_000, 10_000 + 10_000 / 32);
        Assert.InRange(third.P99Ns, 2_000_000, 2_000_000 + 2_000_000 / 32);
        Assert.InRange(third.MaxNs, 5_000_000, 5_000_000 + 5_000_000 / 32);

        Assert.Equal(201, histogram.Count); // the whole run's histogram is untouched by the series
    }

    [Fact]
    public void A_runs_per_second_summary_takes_the_median_and_the_worst_second()
    {
        LatencyInterval[] seconds = [new(1, 10, 1, 400_000, 500_000), new(2, 10, 1, 3_000_000, 4_000_000), new(3, 10, 1, 700_000, 900_000)];
        var result = new RunResult(new RunPlan("50%", 1, TimeSpan.FromMicroseconds(200), TimeSpan.FromSeconds(3), TimeSpan.Zero, 16, 8, 1, 1, "lanes", TimeSpan.Zero, TicksOnLanes: true),
            30, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), 0, new LatencyHistogram(), [], [], new Pipeline.Ingestion.IngestionSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        {
            LatencyPerSecond = seconds,
        };

        Assert.Equal(700_000, result.MedianSecondP99Ns);
        Assert.Equal(3_000_000, result.WorstSecondP99Ns);
        Assert.Equal(1, result.SecondsWithP99Over(1_000_000));
        Assert.True(double.IsNaN(result.MedianSecondDueP99Ns)); // no schedule, no latencies from the due time
        Assert.Equal(3_000_000, (result with { LatencyFromDuePerSecond = [seconds[1], seconds[0], seconds[1]] }).MedianSecondDueP99Ns);
    }
}
