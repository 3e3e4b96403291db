using FlowSense.Cli.Bench;

namespace FlowSense.Cli.Tests.Bench;

/// <summary>
/// The memory probe chases one cycle through every line of its set, so a timed read can never land on a line a short
/// loop keeps in cache; and it reports one positive latency per size asked, in their order.
/// </summary>
public sealed class MemoryLatencyTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(1_000, 1)]
    [InlineData(1_000, 2)]
    [InlineData(4_096, 3)]
    public void The_lines_form_one_cycle_through_all_of_them(int lines, int seed)
    {
        using var cycle = new LineCycle((long)lines * MemoryLatency.LineBytes, seed);
        Assert.Equal(lines, cycle.Lines);

        var seen = new bool[lines];
        long at = 0;
        for (int step = 0; step < lines; step++)
        {
            Assert.False(seen[at], $"line {at} came round again after {step} steps, before all {lines} were visited");
            seen[at] = true;
            at = cycle.Next(at);
        }
        Assert.Equal(0, at);
        Assert.Equal(at, cycle.Follow(0, lines));
    }

    [Fact]
    public void The_order_is_not_the_memory_order()
    {
        using var cycle = new LineCycle(1_000 * MemoryLatency.LineBytes, seed: 1);
        int sequential = Enumerable.Range(0, cycle.Lines).Count(line => cycle.Next(line) == (line + 1) % cycle.Lines);
        Assert.True(sequential < 10, $"{sequential} of 1,000 lines lead to the next in memory: a prefetcher would follow them");
    }

    [Fact]
    public void Each_size_gets_a_positive_latency_in_the_order_asked()
    {
        long[] sizes = [64 << 10, 16 << 10];
        var points = MemoryLatency.Measure(sizes, reads: 10_000);

        Assert.Equal(sizes, points.Select(p => p.Bytes));
        Assert.All(points, p => Assert.True(p.NanosecondsPerRead is > 0 and < 1e6, $"{p.NanosecondsPerRead} ns per read"));
    }

    [Fact]
    public void The_report_names_each_size_in_its_unit()
    {
        Assert.Equal("64 KB 12 ns · 1 MB 10 ns · 1.5 MB 35 ns",
            BenchReport.RandomReadsText([new(64 << 10, 12.3), new(1 << 20, 9.6), new(3 << 19, 35)]));
        Assert.Equal("1 MB, 4 MB, 16 MB and 64 MB", BenchReport.SizesText(MemoryLatency.DefaultSizes));
        Assert.Equal("16 KB", BenchReport.SizesText([16 << 10]));
    }
}
