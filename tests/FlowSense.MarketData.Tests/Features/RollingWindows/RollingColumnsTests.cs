using System.Buffers;
using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Features.RollingWindows;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Features.RollingWindows;

/// <summary>
/// <see cref="RollingColumns"/> must be indistinguishable from one <see cref="RollingSum{T}"/> per column: the same
/// sums to the bit (running subtraction and periodic re-summation included) and the same checkpoint bytes, so that
/// checkpoints written by either restore into the other.
/// </summary>
public class RollingColumnsTests
{
    /// <summary>Values of very different magnitudes, so that rounding differs with the order of operations.</summary>
    private static Gen<double> Values() =>
        from mantissa in Gen.Choose(-1_000_000, 1_000_000)
        from exponent in Gen.Choose(-12, 12)
        select mantissa * Math.Pow(10, exponent);

    [Fact]
    public void Each_column_has_the_bits_and_the_checkpoint_of_a_rolling_sum_fed_the_same_values()
    {
        Prop.ForAll(Arb.From(Gen.Choose(1, 9)), Arb.From(Values().ArrayOf()), (capacity, values) =>
        {
            var columns = new RollingColumns(3, capacity);
            RollingSum<double>[] sums = [new(capacity), new(capacity), new(capacity)];
            foreach (double v in values)
            {
                double[] row = [v, 1.0 / (1 + Math.Abs(v)), v * v];
                columns.Add(row);
                for (int c = 0; c < 3; c++)
                    sums[c].Add(row[c]);
                for (int c = 0; c < 3; c++)
                    Assert.Equal(BitConverter.DoubleToInt64Bits(sums[c].Sum), BitConverter.DoubleToInt64Bits(columns.Sum(c)));
                Assert.Equal(sums[0].Count, columns.Count);
            }
            Assert.Equal(Checkpoint(sums), Checkpoint(columns));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Restores_the_sections_of_separate_rolling_sums_and_goes_on_like_them()
    {
        const int Capacity = 5;
        RollingSum<double>[] sums = [new(Capacity), new(Capacity)];
        for (int i = 0; i < 12; i++)
        {
            sums[0].Add(i * 0.1);
            sums[1].Add(1e9 - i);
        }
        var columns = new RollingColumns(2, Capacity);
        var reader = new CheckpointReader(Checkpoint(sums));
        columns.RestoreCheckpoint(ref reader);
        reader.Complete();

        for (int i = 12; i < 20; i++)
        {
            columns.Add([i * 0.1, 1e9 - i]);
            sums[0].Add(i * 0.1);
            sums[1].Add(1e9 - i);
        }
        Assert.Equal(BitConverter.DoubleToInt64Bits(sums[0].Sum), BitConverter.DoubleToInt64Bits(columns.Sum(0)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(sums[1].Sum), BitConverter.DoubleToInt64Bits(columns.Sum(1)));
        Assert.Equal(Checkpoint(sums), Checkpoint(columns));
    }

    [Fact]
    public void Columns_whose_positions_disagree_are_refused()
    {
        RollingSum<double>[] sums = [new(4), new(4)];
        sums[0].Add(1);
        sums[0].Add(2);
        sums[1].Add(3);
        var columns = new RollingColumns(2, 4);
        var thrown = Assert.Throws<CheckpointException>(() =>
        {
            var reader = new CheckpointReader(Checkpoint(sums));
            columns.RestoreCheckpoint(ref reader);
        });
        Assert.Contains("disagree", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_refused()
    {
        var columns = new RollingColumns(2, 4);
        Assert.Throws<ArgumentException>(() => columns.Add([1.0, 2.0, 3.0]));
        Assert.Equal(0, columns.Count);
    }

    private static byte[] Checkpoint(RollingSum<double>[] sums) => Checkpoint((ref CheckpointWriter writer) =>
    {
        foreach (RollingSum<double> sum in sums)
            sum.WriteCheckpoint(ref writer);
    });

    private static byte[] Checkpoint(RollingColumns columns) => Checkpoint(columns.WriteCheckpoint);

    private static byte[] Checkpoint(WriteSections write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new CheckpointWriter(output);
        write(ref writer);
        writer.Complete();
        return output.WrittenSpan.ToArray();
    }

    private delegate void WriteSections(ref CheckpointWriter writer);
}
