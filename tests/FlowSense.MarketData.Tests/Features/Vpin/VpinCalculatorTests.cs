using FlowSense.MarketData.Features.Vpin;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Features.Vpin;

public class VpinCalculatorTests
{
    private const long Minute = 60_000_000_000;

    [Fact]
    public void Exact_classification_splits_trades_across_buckets()
    {
        var vpin = new VpinCalculator(new VpinOptions(BucketVolume: 10, BucketCount: 2));
        vpin.OnTrade(0, 100, 4, 1);     // bucket 1: B 4
        vpin.OnTrade(1, 100, 3, -1);    // bucket 1: B 4, S 3
        vpin.OnTrade(2, 100, 5, 1);     // 3 closes bucket 1 (B 7, S 3: |S − B| = 4); 2 start bucket 2
        Assert.Equal(1, vpin.Buckets.Completed);
        Assert.False(vpin.IsReady);
        Assert.Equal(4.0 / 10.0, vpin.Value);
        vpin.OnTrade(3, 100, 8, -1);    // bucket 2: B 2, S 8 → 6
        Assert.True(vpin.IsReady);
        Assert.Equal((4.0 + 6.0) / (2 * 10), vpin.Value);

        vpin.OnTrade(4, 100, 25, 1);    // two whole buy buckets (10 each) and 5 left over
        Assert.Equal(4, vpin.Buckets.Completed);
        Assert.Equal(5, vpin.Buckets.CurrentFill);
        Assert.Equal(1.0, vpin.Value);
    }

    [Fact]
    public void An_unsigned_trade_counts_half_to_each_side()
    {
        var vpin = new VpinCalculator(new VpinOptions(BucketVolume: 10, BucketCount: 1));
        vpin.OnTrade(0, 100, 6, 0);
        vpin.OnTrade(0, 100, 4, 1);     // B 3 + 4, S 3 → 4
        Assert.Equal(0.4, vpin.Value, 15);
        Assert.Equal(6, vpin.UnsignedVolume);
    }

    [Fact]
    public void Bulk_classification_uses_the_normal_cdf_of_standardised_bar_changes()
    {
        // σ_ΔP fixed at 10 raw price units; one-minute bars; buckets of 10, n = 2.
        var vpin = new VpinCalculator(new VpinOptions(
            BucketVolume: 10, BucketCount: 2, Classification: VolumeClassification.Bulk, BarNs: Minute, FixedSigma: 10.0));
        vpin.OnTrade(0, 1000, 5, 0);                 // bar 0: no previous close, warm-up
        vpin.OnTrade(Minute, 1010, 10, 0);           // bar 1 opens; bar 0 closes as warm-up
        Assert.Equal(5, vpin.Bulk!.WarmupVolume);
        vpin.OnTrade(2 * Minute + 1, 1000, 10, 0);   // bar 1 closes: ΔP = +10, buy fraction Φ(1)
        Assert.Equal(0.8413447460685429, vpin.Bulk.LastBuyFraction, 15);
        vpin.Advance(3 * Minute);                    // bar 2 closes: ΔP = −10, buy fraction Φ(−1)
        Assert.Equal(0.15865525393145707, vpin.Bulk.LastBuyFraction, 15);

        // Each bucket holds one bar: |V_S − V_B| = 10·|2Φ(±1) − 1| = 10·erf(1/√2).
        Assert.True(vpin.IsReady);
        Assert.Equal(0.6826894921370859, vpin.Value, 14);
    }

    [Fact]
    public void Bulk_classification_splits_a_bar_across_buckets()
    {
        var vpin = new VpinCalculator(new VpinOptions(
            BucketVolume: 4, BucketCount: 3, Classification: VolumeClassification.Bulk, BarNs: Minute, FixedSigma: 10.0));
        vpin.OnTrade(0, 1000, 1, 0);
        vpin.OnTrade(Minute, 1000, 12, 0);           // ΔP = 0: half and half
        vpin.Advance(2 * Minute);
        Assert.Equal(3, vpin.Buckets.Completed);
        Assert.Equal(0.0, vpin.Value);
    }

    [Fact]
    public void Bulk_classification_with_rolling_sigma_waits_for_two_changes()
    {
        var vpin = new VpinCalculator(new VpinOptions(
            BucketVolume: 10, BucketCount: 1, Classification: VolumeClassification.Bulk, BarNs: Minute, SigmaBars: 5));
        vpin.OnTrade(0, 1000, 10, 0);                // bar 0: no previous close
        vpin.OnTrade(Minute, 1010, 10, 0);           // bar 1: ΔP = +10, σ undefined from one change
        vpin.OnTrade(2 * Minute, 1000, 10, 0);       // bar 2: ΔP = −10, σ = √200 (sample), Φ(−1/√2)
        vpin.Advance(3 * Minute);
        Assert.Equal(20, vpin.Bulk!.WarmupVolume);
        Assert.Equal(0.23975006109347677, vpin.Bulk.LastBuyFraction, 15);
        Assert.Equal(1.0 - 2.0 * 0.23975006109347677, vpin.Value, 14);
    }

    [Fact]
    public void Splitting_a_trade_into_same_signed_pieces_does_not_change_VPIN()
    {
        Gen<(int Size, int Sign)[]> tape = Gen.Zip(Gen.Choose(1, 40), Gen.Elements(-1, 0, 1)).ArrayOf();
        Prop.ForAll(Arb.From(tape), trades =>
        {
            var whole = new VpinCalculator(new VpinOptions(BucketVolume: 7, BucketCount: 3));
            var pieces = new VpinCalculator(new VpinOptions(BucketVolume: 7, BucketCount: 3));
            foreach (var (size, sign) in trades)
            {
                whole.OnTrade(0, 100, size, sign);
                for (int i = 0; i < size; i++)
                    pieces.OnTrade(0, 100, 1, sign);
            }
            return whole.Buckets.Completed == pieces.Buckets.Completed
                && (double.IsNaN(whole.Value) ? double.IsNaN(pieces.Value) : Math.Abs(whole.Value - pieces.Value) < 1e-12);
        }).QuickCheckThrowOnFailure();
    }
}
