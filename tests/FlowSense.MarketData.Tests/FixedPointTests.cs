using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.Tests;

public class FixedPointTests
{
    [Theory]
    [InlineData(1234500L, 4, "123.4500")]
    [InlineData(-5L, 2, "-0.05")]
    [InlineData(0L, 8, "0.00000000")]
    public void ToDecimal_keeps_the_scale(long raw, int decimals, string expected) =>
        Assert.Equal(expected, FixedPoint.ToDecimal(raw, decimals).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void FromDecimal_round_trips_and_refuses_excess_precision()
    {
        Assert.Equal(5_752_300L, FixedPoint.FromDecimal(575.23m, 4));
        Assert.Throws<OverflowException>(() => FixedPoint.FromDecimal(0.123m, 2));
    }
}
