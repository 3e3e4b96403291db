using System.Text;
using FlowSense.Feeds.Venues;

namespace FlowSense.Feeds.Tests.Venues;

public class IsoTimeTests
{
    [Theory]
    [InlineData("2021-04-17T16:43:37.075687Z")]
    [InlineData("2021-04-17T16:43:37Z")]
    [InlineData("2020-02-29T00:00:00.1234567Z")]
    [InlineData("1970-01-01T00:00:00.1Z")]
    public void Agrees_with_the_framework_parser(string text)
    {
        Assert.True(IsoTime.TryParseUtcNs(Encoding.ASCII.GetBytes(text), out long ns));
        var expected = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((expected.UtcTicks - DateTime.UnixEpoch.Ticks) * 100, ns);
    }

    [Fact]
    public void Keeps_nanosecond_digits()
    {
        Assert.True(IsoTime.TryParseUtcNs("2020-02-29T00:00:00.123456789Z"u8, out long ns));
        Assert.Equal(1582934400_123456789L, ns);
    }

    [Theory]
    [InlineData("2021-02-29T00:00:00Z")]
    [InlineData("2021-13-01T00:00:00Z")]
    [InlineData("2021-04-17T24:00:00Z")]
    [InlineData("2021-04-17 16:43:37Z")]
    [InlineData("2021-04-17T16:43:37.Z")]
    [InlineData("2021-04-17T16:43:37.0756871234Z")]
    [InlineData("2021-04-17T16:43:37+01:00")]
    [InlineData("")]
    public void Refuses_malformed_or_impossible_times(string text) =>
        Assert.False(IsoTime.TryParseUtcNs(Encoding.ASCII.GetBytes(text), out _));
}
