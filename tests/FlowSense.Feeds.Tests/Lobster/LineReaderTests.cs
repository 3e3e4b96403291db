using System.Text;
using FlowSense.Feeds.Lobster;

namespace FlowSense.Feeds.Tests.Lobster;

public class LineReaderTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(4096)]
    public void Lines_are_the_same_whatever_the_buffer_size(int bufferSize)
    {
        byte[] file = File.ReadAllBytes(LobsterSample.Path(LobsterSample.MessageFile));
        string[] expected = Encoding.UTF8.GetString(file).Split('\n');
        using var reader = new LineReader(new MemoryStream(file), leaveOpen: false, bufferSize);
        var lines = new List<string>();
        while (reader.TryReadLine(out ReadOnlySpan<byte> line))
            lines.Add(Encoding.UTF8.GetString(line));
        Assert.Equal(expected, lines);
        Assert.Equal(999, reader.LineNumber);
    }

    [Fact]
    public void Crlf_endings_blank_lines_and_a_missing_final_newline_are_handled()
    {
        using var reader = new LineReader(new MemoryStream("a\r\n\r\nlonger than the buffer\nz"u8.ToArray()), leaveOpen: false, bufferSize: 4);
        var lines = new List<string>();
        while (reader.TryReadLine(out ReadOnlySpan<byte> line))
            lines.Add(Encoding.UTF8.GetString(line));
        Assert.Equal(["a", "", "longer than the buffer", "z"], lines);
    }
}
