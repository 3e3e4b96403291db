using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.Quality;

namespace FlowSense.MarketData.Tests.Quality;

public sealed class BarValidatorTests
{
    private static readonly InstrumentId Abc = new("TEST", "ABC");
    private static readonly long Day = TimeFrame.OneDay.PeriodNs;

    private static Bar B(long day, long open, long high, long low, long close, long volume = 1_000) =>
        new(day * Day, (day + 1) * Day, open, high, low, close, volume, (Int128)close * volume, 1);

    [Theory]
    [InlineData(100, 99, 95, 98)]  // high below open
    [InlineData(100, 110, 95, 111)] // high below close
    [InlineData(100, 110, 101, 105)] // low above open
    [InlineData(100, 110, 106, 105)] // low above close
    public void Ohlc_relationships_are_enforced(long open, long high, long low, long close)
    {
        var validator = new BarValidator(new QualityCounters());
        QualityVerdict verdict = validator.Check(Abc, B(0, open, high, low, close));
        Assert.True(verdict.IsRejected);
        Assert.Equal(QualityIssues.OhlcInconsistent, verdict.Issues);
    }

    [Fact]
    public void Non_positive_prices_and_negative_volume_are_rejected_zero_volume_is_not()
    {
        var counters = new QualityCounters();
        var validator = new BarValidator(counters);
        Assert.True(validator.Check(Abc, B(0, 0, 10, 0, 5)).Has(QualityIssues.NonPositivePrice));
        Assert.True(validator.Check(Abc, B(0, 10, 10, 10, 10, volume: -1)).Has(QualityIssues.NonPositiveSize));
        Assert.True(validator.Check(Abc, B(0, 10, 10, 10, 10, volume: 0)).IsAccepted);
        Assert.Equal(2, counters.Snapshot().Single().Rejected);
    }

    [Fact]
    public void Overlapping_or_earlier_bars_are_rejected_as_backwards()
    {
        var validator = new BarValidator(new QualityCounters(), TimeFrame.OneDay);
        Assert.True(validator.Check(Abc, B(5, 10, 11, 9, 10)).IsAccepted);
        Assert.True(validator.Check(Abc, B(4, 10, 11, 9, 10)).Has(QualityIssues.TimestampBackwards));
        Assert.True(validator.Check(Abc, B(5, 10, 11, 9, 10)).Has(QualityIssues.TimestampBackwards));
        Assert.True(validator.Check(Abc, B(6, 10, 11, 9, 10)).IsAccepted);
    }

    [Fact]
    public void Gaps_are_counted_with_the_number_of_missing_bars_and_the_bar_is_accepted()
    {
        var counters = new QualityCounters();
        var validator = new BarValidator(counters, TimeFrame.OneDay);
        validator.Check(Abc, B(0, 10, 11, 9, 10));
        Assert.Equal(QualityIssues.None, validator.Check(Abc, B(1, 10, 11, 9, 10)).Issues);
        QualityVerdict gap = validator.Check(Abc, B(4, 10, 11, 9, 10));
        Assert.True(gap.IsAccepted);
        Assert.True(gap.Has(QualityIssues.Gap));
        Assert.Equal(2, gap.MissingPeriods);
        Assert.Equal(1, counters.Count(Abc, QualityIssues.Gap));
    }

    [Theory]
    [InlineData(200, 100, 1_000, 2_100, 2.0)]     // 2:1 split: price halves, volume doubles
    [InlineData(300, 100, 1_000, 2_500, 3.0)]     // 3:1 with a smaller volume rise (> √3)
    [InlineData(100, 200, 1_000, 450, 0.5)]       // 1:2 reverse split
    [InlineData(150, 100, 1_000, 1_600, 1.5)]     // 3:2
    public void Split_is_flagged_from_close_to_open_ratio_with_a_matching_volume_change(long close, long nextOpen, long volume, long nextVolume, double ratio)
    {
        var validator = new BarValidator(new QualityCounters(), TimeFrame.OneDay, new SplitDetector());
        validator.Check(Abc, B(0, close, close, close, close, volume));
        QualityVerdict verdict = validator.Check(Abc, B(1, nextOpen, nextOpen, nextOpen, nextOpen, nextVolume));
        Assert.True(verdict.IsAccepted);
        Assert.True(verdict.Has(QualityIssues.SplitSuspected));
        Assert.Equal(ratio, verdict.SplitRatio);
    }

    [Theory]
    [InlineData(200, 100, 1_000, 1_000)] // price halves on ordinary volume: a crash, not a split
    [InlineData(200, 180, 1_000, 3_000)] // volume triples on a 10% move: no split ratio
    [InlineData(100, 200, 1_000, 2_000)] // price doubles and volume rises: not a reverse split
    public void No_split_without_both_a_split_ratio_and_the_volume_change(long close, long nextOpen, long volume, long nextVolume)
    {
        var validator = new BarValidator(new QualityCounters(), TimeFrame.OneDay, new SplitDetector());
        validator.Check(Abc, B(0, close, close, close, close, volume));
        QualityVerdict verdict = validator.Check(Abc, B(1, nextOpen, Math.Max(nextOpen, close), Math.Min(nextOpen, close), nextOpen, nextVolume));
        Assert.False(verdict.Has(QualityIssues.SplitSuspected));
        Assert.True(double.IsNaN(verdict.SplitRatio));
    }
}
