using System.IO.Compression;
using System.Text;
using FlowSense.Feeds.Capture;

namespace FlowSense.Feeds.Tests.Capture;

public class CaptureReaderTests
{
    [Theory]
    // Expected counts from grep: '^[0-9]' received, ' <- ' sent, ' <-> ' connected, ' -> ' REST, '^configuration: ', '^$'.
    [InlineData("BINANCE.ws.1.0", 265, 0, 1, 0, 0, 1)]
    [InlineData("BINANCE.http.0.0", 0, 0, 0, 4, 0, 1)]
    [InlineData("BINANCE.0", 0, 0, 0, 1, 1, 0)] // one 1.8 MB exchangeInfo line: the buffer grows to it
    [InlineData("KRAKEN.ws.50.0", 4321, 1, 1, 0, 0, 2)]
    [InlineData("BITSTAMP.ws.1.0", 747, 20, 1, 0, 0, 0)]
    [InlineData("COINBASE.ws.28.0", 9946, 3, 1, 0, 0, 2)]
    public void Reads_every_line_of_the_recorded_captures(string file, int received, int sent, int connected, int rest, int configuration, int blank)
    {
        var quarantine = new Quarantine.Quarantine();
        using var reader = CaptureReader.Open(CaptureReplay.CryptoFile(file), quarantine);
        long lastTime = 0, lines = 0;
        while (reader.TryRead(out var record))
        {
            lines++;
            Assert.True(record.Kind == CaptureLineKind.Configuration || record.ReceiveTimeNs > 1_600_000_000_000_000_000L);
            Assert.True(record.Kind == CaptureLineKind.Connected || record.Payload[0] is (byte)'{' or (byte)'[');
            lastTime = Math.Max(lastTime, record.ReceiveTimeNs);
        }
        var s = reader.Stats;
        Assert.Equal((received, sent, connected, rest, configuration, blank),
            ((int)s.Received, (int)s.Sent, (int)s.Connected, (int)s.RestResponses, (int)s.Configurations, (int)s.Blank));
        Assert.Equal(File.ReadLines(CaptureReplay.CryptoFile(file)).Count(), (int)s.Lines);
        Assert.Equal(0, quarantine.Total);
        Assert.True(lastTime > 0);
    }

    [Fact]
    public void Gzip_and_plain_captures_read_the_same()
    {
        byte[] plain = File.ReadAllBytes(CaptureReplay.CryptoFile("KRAKEN.ws.48.0"));
        var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            zip.Write(plain);
        Assert.Equal(Read(new MemoryStream(plain)), Read(new MemoryStream(gz.ToArray())));
    }

    [Fact]
    public void Unrecognised_and_over_long_lines_are_quarantined_and_reading_goes_on()
    {
        string text = "1.5: {\"a\":1}\ngarbage line\n" + new string('x', 300) + "\n2.5: [2]\n3.5: [3]";
        var quarantine = new Quarantine.Quarantine();
        using var reader = new CaptureReader(new MemoryStream(Encoding.ASCII.GetBytes(text)), "test", quarantine, maxLineBytes: 100);
        var payloads = new List<string>();
        while (reader.TryRead(out var r))
            payloads.Add(Encoding.ASCII.GetString(r.Payload));
        Assert.Equal(["{\"a\":1}", "[2]", "[3]"], payloads);
        Assert.Equal((1L, 1L, 5L), (reader.Stats.Unrecognized, reader.Stats.TooLong, reader.Stats.Lines));
        Assert.Equal(2, quarantine.Total);
        Assert.Equal(new Dictionary<string, long> { ["unrecognized-line"] = 1, ["line-too-long"] = 1 }, quarantine.CountsByCategory());
    }

    [Fact]
    public void An_empty_or_one_byte_stream_is_read_without_error()
    {
        using var empty = new CaptureReader(new MemoryStream(), "empty", new Quarantine.Quarantine());
        Assert.False(empty.TryRead(out _));
        var quarantine = new Quarantine.Quarantine();
        using var one = new CaptureReader(new MemoryStream([0x1F]), "one", quarantine);
        Assert.False(one.TryRead(out _));
        Assert.Equal(1, quarantine.Total);
    }

    private static List<string> Read(Stream stream)
    {
        var lines = new List<string>();
        using var reader = new CaptureReader(stream, "t", new Quarantine.Quarantine());
        while (reader.TryRead(out var r))
            lines.Add($"{r.LineNumber} {r.ReceiveTimeNs} {r.Kind} {Encoding.UTF8.GetString(r.Url)} {Encoding.UTF8.GetString(r.Payload)}");
        return lines;
    }
}
