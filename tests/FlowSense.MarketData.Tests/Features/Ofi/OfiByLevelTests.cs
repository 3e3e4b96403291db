using FlowSense.MarketData.Features.Ofi;

namespace FlowSense.MarketData.Tests.Features.Ofi;

public class OfiByLevelTests
{
    [Fact]
    public void Holds_a_copy_of_the_first_ten_levels()
    {
        long[] levels = [.. Enumerable.Range(1, 12).Select(m => (long)(m * m))];
        var value = OfiByLevel.From(levels);
        levels[0] = -1;

        Assert.Equal(OfiByLevel.MaxLevels, value.Count);
        Assert.Equal(1, value[0]);
        Assert.Equal(100, value[9]);
        Assert.Equal([1L, 4, 9, 16, 25, 36, 49, 64, 81, 100], value.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => value[10]);
        Assert.Throws<ArgumentOutOfRangeException>(() => value[-1]);
    }

    [Fact]
    public void Equal_when_the_same_levels_hold_the_same_values()
    {
        var value = OfiByLevel.From([10, -30, 20]);

        Assert.Equal(OfiByLevel.From([10, -30, 20]), value);
        Assert.Equal(OfiByLevel.From([10, -30, 20]).GetHashCode(), value.GetHashCode());
        Assert.NotEqual(OfiByLevel.From([10, -30]), value);
        Assert.NotEqual(OfiByLevel.From([10, -30, 20, 0]), value);
        Assert.NotEqual(OfiByLevel.From([10, -30, 21]), value);
        Assert.Equal(0, default(OfiByLevel).Count);
        Assert.Equal(OfiByLevel.From([]), default);
        Assert.Equal("[10, -30, 20]", value.ToString());
    }
}
