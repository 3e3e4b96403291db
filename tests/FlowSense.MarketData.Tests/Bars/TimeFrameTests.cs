using FlowSense.MarketData.Bars;

namespace FlowSense.MarketData.Tests.Bars;

public sealed class TimeFrameTests
{
    [Fact]
    public void Every_standard_time_frame_parses_back_from_its_text()
    {
        foreach (TimeFrame frame in TimeFrame.Standard)
        {
            Assert.True(TimeFrame.TryParse(frame.ToString(), out TimeFrame parsed), frame.ToString());
            Assert.Equal(frame, parsed);
        }
    }

    [Theory]
    [InlineData("90s", 90_000_000_000L)]
    [InlineData(" 2h ", 7_200_000_000_000L)]
    [InlineData("500ns", 500L)]
    public void Parses_any_count_of_a_unit(string text, long periodNs)
    {
        Assert.True(TimeFrame.TryParse(text, out TimeFrame parsed));
        Assert.Equal(periodNs, parsed.PeriodNs);
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("0m")]
    [InlineData("1w")]
    [InlineData("-1m")]
    [InlineData("1.5m")]
    [InlineData("99999999999999999999d")]
    [InlineData("9999999999999d")]
    public void Refuses_anything_else(string text) => Assert.False(TimeFrame.TryParse(text, out _));
}
