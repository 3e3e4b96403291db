using System.Text;
using FlowSense.Feeds.Capture;

namespace FlowSense.Feeds.Tests.Capture;

public class CaptureLineTests
{
    [Fact]
    public void Received_with_seconds_and_fraction()
    {
        Assert.True(CaptureLine.TryParse("1633998512.0633569: {\"a\":1}"u8, 7, out var r));
        Assert.Equal((7L, 1633998512063356900L, CaptureLineKind.Received), (r.LineNumber, r.ReceiveTimeNs, r.Kind));
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(r.Payload));
        Assert.True(r.Url.IsEmpty);
    }

    [Fact]
    public void Received_with_integer_nanoseconds()
    {
        Assert.True(CaptureLine.TryParse("1633998512063356900 [1,2]\r"u8, 1, out var r));
        Assert.Equal(1633998512063356900L, r.ReceiveTimeNs);
        Assert.Equal("[1,2]", Encoding.UTF8.GetString(r.Payload));
    }

    [Fact]
    public void Bare_message_without_timestamp()
    {
        Assert.True(CaptureLine.TryParse("{\"event\":\"heartbeat\"}"u8, 1, out var r));
        Assert.Equal((0L, CaptureLineKind.Received), (r.ReceiveTimeNs, r.Kind));
    }

    [Fact]
    public void Sent_connect_and_rest_lines_keep_their_url()
    {
        Assert.True(CaptureLine.TryParse("wss://ws.bitstamp.net/ <- 1641343691.067583: {\"event\":\"bts:subscribe\"}"u8, 2, out var sent));
        Assert.Equal((CaptureLineKind.Sent, "wss://ws.bitstamp.net/", 1641343691067583000L), (sent.Kind, Encoding.UTF8.GetString(sent.Url), sent.ReceiveTimeNs));
        Assert.True(CaptureLine.TryParse("wss://ws.kraken.com <-> 1618678132.3858151"u8, 1, out var connected));
        Assert.Equal((CaptureLineKind.Connected, "wss://ws.kraken.com", 0), (connected.Kind, Encoding.UTF8.GetString(connected.Url), connected.Payload.Length));
        Assert.True(CaptureLine.TryParse("https://api.binance.com/api/v3/depth?symbol=NKNUSDT&limit=1000 -> 1633998512.320639: {\"lastUpdateId\":1}"u8, 3, out var rest));
        Assert.Equal(CaptureLineKind.RestResponse, rest.Kind);
        Assert.Equal("{\"lastUpdateId\":1}", Encoding.UTF8.GetString(rest.Payload));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("1633998512.: {}")]
    [InlineData("1633998512.5 {}")] // seconds with a fraction need ": "
    [InlineData("1633998512.5: ")]
    [InlineData("wss://x <= 1.0: {}")]
    [InlineData("wss://x <-> 1.0: {}")]
    [InlineData("99999999999999999999: {}")]
    public void Unrecognised_lines_are_refused(string line) =>
        Assert.False(CaptureLine.TryParse(Encoding.UTF8.GetBytes(line), 1, out _));
}
