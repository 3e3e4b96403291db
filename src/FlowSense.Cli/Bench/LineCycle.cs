using System.Runtime.InteropServices;

namespace FlowSense.Cli.Bench;

/// <summary>
/// Cache lines in native memory, each holding in its first 8 bytes the index of the next line; following them from
/// any line visits every line once before it returns (one cycle, in a random order).
/// </summary>
internal sealed unsafe class LineCycle : IDisposable
{
    private const int LongsPerLine = MemoryLatency.LineBytes / sizeof(long);
    private long* _memory;

    public LineCycle(long bytes, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 2 * MemoryLatency.LineBytes);
        Lines = checked((int)(bytes / MemoryLatency.LineBytes));
        _memory = (long*)NativeMemory.AlignedAlloc((nuint)Lines * MemoryLatency.LineBytes, MemoryLatency.LineBytes);
        for (int line = 0; line < Lines; line++)
            _memory[(long)line * LongsPerLine] = line;
        // Sattolo: swapping each position with a strictly earlier one makes the identity a single cycle of all lines.
        var random = new Random(seed);
        for (int i = Lines - 1; i > 0; i--)
        {
            int j = random.Next(i);
            (_memory[(long)i * LongsPerLine], _memory[(long)j * LongsPerLine]) = (_memory[(long)j * LongsPerLine], _memory[(long)i * LongsPerLine]);
        }
    }

    public int Lines { get; }

    /// <summary>The line after <paramref name="line"/>.</summary>
    public long Next(long line) => _memory[line * LongsPerLine];

    /// <summary>The line <paramref name="steps"/> after <paramref name="line"/>, each read waiting for the one before.</summary>
    public long Follow(long line, int steps)
    {
        long* memory = _memory;
        long at = line * LongsPerLine;
        for (int i = 0; i < steps; i++)
            at = memory[at] * LongsPerLine;
        return at / LongsPerLine;
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_memory);
        _memory = null;
    }
}
