using System.Text;
using FlowSense.Feeds.Capture;

namespace FlowSense.Feeds.Tests.Capture;

/// <summary>Seeded mutations of recorded capture lines: the reader never throws and every line is either read or quarantined.</summary>
public class CaptureFuzzTests
{
    [Fact]
    public void Mutated_capture_lines_never_throw_and_every_line_is_accounted_for()
    {
        var lines = new[] { "BINANCE.ws.1.0", "BITSTAMP.ws.1.0", "KRAKEN.ws.48.0", "BINANCE.http.0.0" }
            .SelectMany(f => File.ReadLines(CaptureReplay.CryptoFile(f))).Where(l => l.Length > 0).Select(l => l.Length > 400 ? l[..400] : l).ToList();
        var random = new Random(20211012);
        var text = new StringBuilder();
        const int Count = 100_000;
        for (int i = 0; i < Count; i++)
        {
            var line = new StringBuilder(lines[random.Next(lines.Count)]);
            for (int n = random.Next(0, 3); n > 0 && line.Length > 0; n--)
            {
                int at = random.Next(line.Length);
                switch (random.Next(4))
                {
                    case 0: line[at] = (char)random.Next(32, 127); break;
                    case 1: line.Length = at; break;
                    case 2: line.Remove(at, 1); break;
                    default: line.Insert(at, " :-<>."[random.Next(6)]); break;
                }
            }
            text.Append(line.Replace('\n', ' ')).Append('\n');
        }

        var quarantine = new Quarantine.Quarantine(new Quarantine.QuarantineOptions { Capacity = 32 });
        using var reader = new CaptureReader(new MemoryStream(Encoding.ASCII.GetBytes(text.ToString())), "fuzz", quarantine, maxLineBytes: 300);
        long read = 0;
        while (reader.TryRead(out var record))
        {
            read++;
            Assert.True(record.Kind == CaptureLineKind.Connected || !record.Payload.IsEmpty);
        }

        var s = reader.Stats;
        Assert.Equal(Count, s.Lines);
        Assert.Equal(s.Lines, read + s.Blank + s.Unrecognized + s.TooLong);
        Assert.Equal(s.Unrecognized + s.TooLong, quarantine.Total);
        Assert.True(quarantine.Snapshot().Count <= 32);
        Assert.True(s.Unrecognized > 0 && s.TooLong > 0 && read > Count / 2);
    }
}
