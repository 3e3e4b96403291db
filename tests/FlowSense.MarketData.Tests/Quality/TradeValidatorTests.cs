using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.Quality;

namespace FlowSense.MarketData.Tests.Quality;

public sealed class TradeValidatorTests
{
    private static readonly InstrumentId Abc = new("TEST", "ABC");
    private static readonly InstrumentId Xyz = new("TEST", "XYZ");

    private static Trade T(InstrumentId id, long time, long price, long size = 10) =>
        new(new EventHeader(id, time, time, 0), price, size, Aggressor.Unknown);

    [Fact]
    public void Non_positive_price_and_size_are_rejected_and_counted_per_symbol()
    {
        var counters = new QualityCounters();
        var validator = new TradeValidator(counters);

        QualityVerdict both = validator.Check(T(Abc, 1, 0, 0));
        Assert.True(both.IsRejected);
        Assert.True(both.Has(QualityIssues.NonPositivePrice | QualityIssues.NonPositiveSize));
        Assert.True(validator.Check(T(Abc, 2, -5)).Has(QualityIssues.NonPositivePrice));
        Assert.True(validator.Check(T(Xyz, 1, 100)).IsAccepted);

        Assert.Equal(2, counters.Count(Abc, QualityIssues.NonPositivePrice));
        Assert.Equal(1, counters.Count(Abc, QualityIssues.NonPositiveSize));
        Assert.Equal(0, counters.Count(Xyz, QualityIssues.NonPositivePrice));
        SymbolQuality abc = counters.Snapshot().Single(s => s.Instrument == Abc);
        Assert.Equal((2L, 2L), (abc.Checked, abc.Rejected));
    }

    [Fact]
    public void A_timestamp_going_backwards_is_rejected_and_does_not_move_the_clock()
    {
        var validator = new TradeValidator(new QualityCounters());
        Assert.True(validator.Check(T(Abc, 100, 50)).IsAccepted);
        Assert.True(validator.Check(T(Abc, 100, 50)).IsAccepted); // equal times are fine
        Assert.True(validator.Check(T(Abc, 99, 50)).Has(QualityIssues.TimestampBackwards));
        Assert.True(validator.Check(T(Xyz, 1, 50)).IsAccepted); // clocks are per symbol
        Assert.True(validator.Check(T(Abc, 101, 50)).IsAccepted);
    }

    [Fact]
    public void Price_band_rejects_outliers_beyond_k_percent_of_the_rolling_mean()
    {
        var counters = new QualityCounters();
        var validator = new TradeValidator(counters, new PriceBandOptions(Window: 10, MaxDeviation: 0.05, MinSamples: 3, ReanchorAfter: 3));
        Assert.True(validator.Check(T(Abc, 1, 1_000)).IsAccepted);
        Assert.True(validator.Check(T(Abc, 2, 5_000)).IsAccepted); // band not armed before 3 samples
        Assert.True(validator.Check(T(Abc, 3, 3_000)).IsAccepted); // reference now 3,000
        Assert.True(validator.Check(T(Abc, 4, 3_140)).IsAccepted); // +4.7%
        QualityVerdict outlier = validator.Check(T(Abc, 5, 3_500));
        Assert.True(outlier.Has(QualityIssues.PriceOutlier));
        Assert.True(outlier.IsRejected);
        Assert.Equal(1, counters.Count(Abc, QualityIssues.PriceOutlier));
    }

    [Fact]
    public void A_persistent_level_shift_reanchors_the_band_after_the_configured_outliers()
    {
        var counters = new QualityCounters();
        var validator = new TradeValidator(counters, new PriceBandOptions(Window: 5, MaxDeviation: 0.05, MinSamples: 3, ReanchorAfter: 3));
        for (int i = 0; i < 5; i++)
            validator.Check(T(Abc, i, 100));
        Assert.True(validator.Check(T(Abc, 10, 200)).IsRejected);
        Assert.True(validator.Check(T(Abc, 11, 200)).IsRejected);
        Assert.True(validator.Check(T(Abc, 12, 200)).IsRejected);
        Assert.True(validator.Check(T(Abc, 13, 200)).IsAccepted);
        Assert.Equal(3, counters.Count(Abc, QualityIssues.PriceOutlier));
    }
}
