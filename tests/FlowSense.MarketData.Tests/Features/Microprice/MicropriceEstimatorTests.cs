using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Microprice;

namespace FlowSense.MarketData.Tests.Features.Microprice;

public class MicropriceEstimatorTests
{
    private const long Tick = 10;

    /// <summary>
    /// A tape with known transition frequencies. Two imbalance buckets (n = 2), spread always one tick. From the
    /// bid-heavy state H (I = 0.75): half the changes leave the mid alone (sizes change, Q_HH = ½), half move it up one
    /// tick (R = ½), landing in H three times out of four (T_HH = 3/8, T_HL = 1/8). The ask-heavy state L mirrors it.
    /// By hand: G¹(H) = (1 − ½)⁻¹·½·1 = 1 tick; B = (1 − Q)⁻¹T has B_HH = ¾, B_HL = ¼, so B·G¹ = ½·G¹ and
    /// g*(H) = Σ_{i=0..m} ½ⁱ = 2 − ½^m ticks; g*(L) = −g*(H).
    /// </summary>
    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 1.5)]
    [InlineData(6, 1.984375)]
    public void Fits_the_hand_computed_adjustment_of_a_known_chain(int terms, double expectedTicks)
    {
        var estimator = new MicropriceEstimator(Tick, imbalanceBuckets: 2, maxSpreadTicks: 1);
        foreach (TopOfBook book in Tape(cycles: 5))
            estimator.Observe(book);

        Assert.True(estimator.TryFit(terms, out MicropriceTable table));
        Assert.Equal(expectedTicks, table.AdjustmentTicks(1, 1), 12);
        Assert.Equal(-expectedTicks, table.AdjustmentTicks(0, 1), 12);
        var heavyBid = new TopOfBook(1000, 30, 1010, 10);
        Assert.Equal(1005.0 + expectedTicks * Tick, table.Of(heavyBid), 9);
        Assert.True(double.IsNaN(table.Of(new TopOfBook(1000, 30, 1030, 10))));   // three ticks wide: out of model
    }

    [Fact]
    public void Symmetrised_fit_is_antisymmetric_in_imbalance()
    {
        var estimator = new MicropriceEstimator(Tick, imbalanceBuckets: 5, maxSpreadTicks: 2);
        var random = new Random(3);
        long bid = 10_000;
        for (int i = 0; i < 20_000; i++)
        {
            bid += Tick * random.Next(-1, 2);
            estimator.Observe(new TopOfBook(bid, random.Next(1, 100), bid + Tick * random.Next(1, 3), random.Next(1, 100)));
        }
        Assert.True(estimator.TryFit(6, out MicropriceTable table));
        for (int bucket = 0; bucket < 5; bucket++)
        {
            for (int spread = 1; spread <= 2; spread++)
                Assert.Equal(-table.AdjustmentTicks(4 - bucket, spread), table.AdjustmentTicks(bucket, spread), 9);
        }
    }

    [Fact]
    public void States_outside_the_model_are_counted_and_a_chain_without_mid_changes_cannot_be_fitted()
    {
        var estimator = new MicropriceEstimator(Tick, imbalanceBuckets: 2, maxSpreadTicks: 1);
        estimator.Observe(new TopOfBook(1000, 3, 1010, 1));
        estimator.Observe(new TopOfBook(1000, 3, 1030, 1));   // too wide
        estimator.Observe(new TopOfBook(1000, 0, 1010, 1));   // one-sided
        estimator.Observe(new TopOfBook(1000, 6, 1010, 2));
        estimator.Observe(new TopOfBook(1000, 3, 1010, 1));   // H → H, no mid change
        estimator.Observe(new TopOfBook(1030, 3, 1040, 1));   // mid moves three ticks
        Assert.Equal(2, estimator.OutOfModelStates);
        Assert.Equal(1, estimator.LargeMidChanges);
        Assert.False(estimator.TryFit(6, out _));
    }

    private static IEnumerable<TopOfBook> Tape(int cycles)
    {
        // From H: Q, Q, up→H ×3, Q, Q, up→L. From L the mirror image. One cycle returns to the starting price.
        string[] script = ["H=", "H=", "H+", "H+", "H+", "H=", "H=", "L+", "L=", "L=", "L-", "L-", "L-", "L=", "L=", "H-"];
        long bid = 1000;
        bool variant = false;
        yield return Book('H', bid, variant);
        for (int c = 0; c < cycles; c++)
        {
            foreach (string step in script)
            {
                if (step[1] == '=')
                    variant = !variant;
                else
                    bid += step[1] == '+' ? Tick : -Tick;
                yield return Book(step[0], bid, variant);
            }
        }
    }

    private static TopOfBook Book(char state, long bid, bool variant)
    {
        long scale = variant ? 2 : 1;
        return state == 'H'
            ? new TopOfBook(bid, 3 * scale, bid + Tick, 1 * scale)
            : new TopOfBook(bid, 1 * scale, bid + Tick, 3 * scale);
    }
}
