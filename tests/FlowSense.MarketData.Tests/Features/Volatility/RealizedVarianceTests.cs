using FlowSense.MarketData.Features.Volatility;

namespace FlowSense.MarketData.Tests.Features.Volatility;

public class RealizedVarianceTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public void Sums_squared_log_returns_on_the_grid()
    {
        var rv = new RealizedVariance(intervalNs: Second, intervals: 3);
        rv.OnPrice(0, 100);
        rv.OnPrice(Second, 110);
        rv.OnPrice(2 * Second, 99);
        Assert.False(rv.IsReady);
        Assert.Equal(Square(Math.Log(1.1)) + Square(Math.Log(0.9)), rv.Variance, 15);

        rv.OnPrice(2 * Second + 500_000_000, 120);   // between grid points: sampled at 3 s
        rv.OnPrice(2 * Second + 700_000_000, 99);    // the last price before 3 s wins
        rv.Advance(3 * Second);                      // return 0 (99 → 99)
        Assert.True(rv.IsReady);
        Assert.Equal(Square(Math.Log(1.1)) + Square(Math.Log(0.9)), rv.Variance, 15);

        rv.OnPrice(3 * Second + 1, 121);             // sampled at 4 s: ln(121/99)
        rv.Advance(4 * Second);
        Assert.Equal(Square(Math.Log(0.9)) + Square(Math.Log(121.0 / 99.0)), rv.Variance, 15);
        Assert.Equal(Math.Sqrt(rv.Variance), rv.Volatility);
    }

    [Fact]
    public void A_long_quiet_gap_fills_the_window_with_zero_returns()
    {
        var rv = new RealizedVariance(intervalNs: Second, intervals: 3);
        rv.OnPrice(0, 100);
        rv.OnPrice(Second, 110);
        rv.Advance(1000 * Second);
        Assert.Equal(0.0, rv.Variance);
        rv.OnPrice(1000 * Second + 1, 121);
        rv.Advance(1001 * Second);
        Assert.Equal(Square(Math.Log(1.1)), rv.Variance, 15);
    }

    [Fact]
    public void Annualises_by_the_window_share_of_a_trading_year()
    {
        var rv = new RealizedVariance(intervalNs: Second, intervals: 2);
        rv.OnPrice(0, 100);
        rv.OnPrice(Second, 101);
        rv.OnPrice(2 * Second, 100);
        double year = 252 * 6.5 * 3600 * 1e9;
        Assert.Equal(Math.Sqrt(rv.Variance * year / (2 * Second)), rv.AnnualizedVolatility(year), 12);
    }

    [Fact]
    public void Bad_prices_are_counted_and_ignored()
    {
        var rv = new RealizedVariance(intervalNs: Second, intervals: 2);
        rv.OnPrice(0, 100);
        rv.OnPrice(Second / 2, 0);
        rv.OnPrice(Second / 2, double.NaN);
        rv.Advance(Second);
        Assert.Equal(2, rv.RejectedPrices);
        Assert.Equal(0.0, rv.Variance);
    }

    private static double Square(double x) => x * x;
}
