using FlowSense.Pipeline.Recording;

namespace FlowSense.Pipeline.Tests.Recording;

/// <summary>The sampling rule of book tops and features: the first applied event of each later exchange-time interval.</summary>
public sealed class ExchangeTimeSamplingTests
{
    private const long Second = 1_000_000_000;

    [Theory]
    [InlineData(ExchangeTimeSampling.NothingBefore, 5 * Second, true)]   // a symbol's first event
    [InlineData(5 * Second, 5 * Second + 1, false)]                      // same interval
    [InlineData(5 * Second + 999_999_999, 6 * Second, true)]             // the boundary belongs to the new interval
    [InlineData(5 * Second, 9 * Second, true)]                           // intervals without events are skipped, not filled
    [InlineData(6 * Second, 5 * Second + 10, false)]                     // a clock stepping back opens nothing
    [InlineData(-Second - 1, -Second, true)]                             // floored before 1970 too
    public void An_event_opens_an_interval_later_than_the_latest_time_before_it(long latestBefore, long time, bool opens) =>
        Assert.Equal(opens, ExchangeTimeSampling.OpensInterval(time, latestBefore, Second));

    [Fact]
    public void Over_any_stream_the_sampled_intervals_strictly_increase_and_cover_each_new_interval_once()
    {
        var random = new Random(20261122);
        for (int run = 0; run < 200; run++)
        {
            long latest = ExchangeTimeSampling.NothingBefore;
            long time = random.NextInt64(0, 10 * Second);
            var sampled = new List<long>();
            var reached = new SortedSet<long>(); // intervals in which the running maximum time first lands
            for (int i = 0; i < 100; i++)
            {
                time = Math.Max(0, time + random.NextInt64(-Second / 2, 2 * Second)); // mostly forward, sometimes back
                if (ExchangeTimeSampling.OpensInterval(time, latest, Second))
                    sampled.Add(ExchangeTimeSampling.IntervalOf(time, Second));
                if (latest == ExchangeTimeSampling.NothingBefore || time > latest)
                {
                    if (latest == ExchangeTimeSampling.NothingBefore || ExchangeTimeSampling.IntervalOf(time, Second) > ExchangeTimeSampling.IntervalOf(latest, Second))
                        reached.Add(ExchangeTimeSampling.IntervalOf(time, Second));
                    latest = time;
                }
            }
            Assert.Equal(sampled.Distinct().Order(), sampled); // strictly increasing: one row per interval, unique times
            Assert.Equal(reached, sampled);
        }
    }

    [Fact]
    public void A_non_positive_interval_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExchangeTimeSampling.OpensInterval(1, 0, 0));
}
