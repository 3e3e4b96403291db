using FlowSense.MarketData.Features.KyleLambda;

namespace FlowSense.MarketData.Tests.Features.KyleLambda;

public class KyleLambdaEstimatorTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-4)]
    public void Recovers_the_slope_of_synthetic_impact(double noise)
    {
        const double Lambda = 2e-5;
        var kyle = new KyleLambdaEstimator(window: 400);
        var random = new Random(11);
        double mid = 10_000.0;
        for (int i = 0; i < 1000; i++)
        {
            int sign = random.Next(2) == 0 ? -1 : 1;
            long size = random.Next(1, 500);
            kyle.OnTrade(sign, size, mid);
            double shock = noise * (random.NextDouble() - 0.5);
            mid *= Math.Exp(Lambda * sign * Math.Sqrt(size) + shock);
        }
        Assert.True(kyle.IsReady);
        Assert.Equal(400, kyle.Observations);
        if (noise == 0.0)
            Assert.Equal(Lambda, kyle.Lambda, 1e-12);
        else
            Assert.InRange(kyle.Lambda, Lambda * 0.9, Lambda * 1.1);
    }

    [Fact]
    public void Unsigned_trades_and_missing_quotes_open_no_observation()
    {
        var kyle = new KyleLambdaEstimator(window: 10);
        kyle.OnTrade(1, 4, 100.0);
        kyle.OnTrade(0, 4, 101.0);          // closes the first (x = 2, y = ln 1.01); opens nothing
        kyle.OnTrade(-1, 9, double.NaN);    // opens nothing
        kyle.OnTrade(-1, 9, 100.0);         // opens (x = −3)
        kyle.OnTrade(1, 1, 99.0);           // closes it (y = ln 0.99)
        Assert.Equal(2, kyle.Skipped);
        Assert.Equal(0, kyle.Dropped);
        Assert.Equal(2, kyle.Observations);
        Assert.Equal((Math.Log(1.01) - Math.Log(0.99)) / 5.0, kyle.Lambda, 1e-12);
    }

    [Fact]
    public void An_observation_that_cannot_be_closed_is_counted()
    {
        var kyle = new KyleLambdaEstimator(window: 10);
        kyle.OnTrade(1, 4, 100.0);
        kyle.OnTrade(1, 4, double.NaN);
        Assert.Equal(1, kyle.Dropped);
        Assert.Equal(0, kyle.Observations);
    }
}
