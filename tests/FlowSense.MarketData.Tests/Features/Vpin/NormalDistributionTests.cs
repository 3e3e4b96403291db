using FlowSense.MarketData.Features.Vpin;

namespace FlowSense.MarketData.Tests.Features.Vpin;

public class NormalDistributionTests
{
    // Reference values of Φ(x) = erfc(−x/√2)/2 to double precision, as published in standard tables
    // (and as computed by the C library's erfc).
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(1.96, 0.9750021048517795)]
    [InlineData(2.0, 0.9772498680518208)]
    [InlineData(3.0, 0.9986501019683699)]
    [InlineData(-3.0, 0.0013498980316300957)]
    [InlineData(5.0, 0.9999997133484281)]
    [InlineData(-5.0, 2.866515718791946e-07)]
    public void Cdf_matches_reference_values(double x, double expected) =>
        Assert.Equal(expected, NormalDistribution.Cdf(x), 1e-15);

    [Theory]
    [InlineData(-3.5, 2.3262907903552504e-04)]
    [InlineData(-5.0, 2.866515718791946e-07)]
    [InlineData(-8.0, 6.220960574271819e-16)]
    [InlineData(-12.0, 1.776482112077702e-33)]
    public void Tail_is_accurate_relative_to_its_size(double x, double expected) =>
        Assert.Equal(1.0, NormalDistribution.Cdf(x) / expected, 1e-13);

    [Fact]
    public void Cdf_is_symmetric_monotone_and_saturates()
    {
        double previous = 0.0;
        for (double x = -9.0; x <= 9.0; x += 0.01)
        {
            double p = NormalDistribution.Cdf(x);
            Assert.InRange(p, previous, 1.0);
            Assert.Equal(1.0, p + NormalDistribution.Cdf(-x), 1e-15);
            previous = p;
        }
        Assert.Equal(0.0, NormalDistribution.Cdf(-40.0));
        Assert.Equal(1.0, NormalDistribution.Cdf(double.PositiveInfinity));
        Assert.True(double.IsNaN(NormalDistribution.Cdf(double.NaN)));
    }
}
