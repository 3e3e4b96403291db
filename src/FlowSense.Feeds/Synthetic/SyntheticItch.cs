using FlowSense.Feeds.Replay;

namespace FlowSense.Feeds.Synthetic;

/// <summary>
/// Synthetic ITCH volume for load tests, made from a recorded sample: the sample's order, trade and status messages
/// repeated pass after pass, over many symbols, with order references shifted so passes never collide and
/// timestamps that advance by a fixed spacing per message. The bytes go through the real ITCH framing and translator,
/// so a replay of them costs what a replay of a recorded file costs.
/// </summary>
/// <remarks>
/// Each sample stock becomes <c>symbols / stocks</c> synthetic symbols (ALC000, ALC001, …) and every order chain is
/// kept on one of them, so the books stay as consistent as the sample's; each pass ends by deleting the orders still
/// resting, so the books do not grow from pass to pass. The sample's own defects (for example deletes of orders it
/// never added) repeat in every pass, and the book counts them as it would in the sample.
/// </remarks>
public sealed class SyntheticItch
{
    private const long MaxTimestampNs = (1L << 48) - 1; // ITCH timestamps are 6 bytes

    private readonly ItchPassScript _script;

    private SyntheticItch(ItchPassScript script, DateOnly sessionDate, TimeSpan messageSpacing)
    {
        _script = script;
        SessionDate = sessionDate;
        MessageSpacing = messageSpacing;
    }

    /// <param name="samplePath">A recorded ITCH 5.0 file (the shared sample is <c>itch/ex20101224.TEST_ITCH_50</c>).</param>
    /// <param name="sessionDate">The day the timestamps count from.</param>
    /// <param name="symbols">How many synthetic symbols, at most (rounded down to a multiple of the sample's stock count).</param>
    /// <param name="messageSpacing">Synthetic time between consecutive messages; 1 µs when null.</param>
    public static SyntheticItch FromSample(string samplePath, DateOnly sessionDate, int symbols = 1_000, TimeSpan? messageSpacing = null)
    {
        var spacing = messageSpacing ?? TimeSpan.FromMicroseconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(spacing, TimeSpan.Zero, nameof(messageSpacing));
        return new SyntheticItch(ItchPassScript.Build(File.ReadAllBytes(samplePath), symbols), sessionDate, spacing);
    }

    public DateOnly SessionDate { get; }

    public TimeSpan MessageSpacing { get; }

    /// <summary>The number of synthetic symbols.</summary>
    public int Symbols => _script.SymbolCount;

    /// <summary>Events one pass translates into.</summary>
    public long EventsPerPass => _script.EventsPerPass;

    /// <summary>The longest run before the 48-bit timestamps would overflow.</summary>
    public long MaxPasses => MaxTimestampNs / (_script.Frames.Length * SpacingNs);

    /// <summary>The name of synthetic symbol <paramref name="index"/> (0-based; its ITCH locate is index + 1).</summary>
    public string SymbolName(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Symbols, nameof(index));
        return _script.SymbolName(index / _script.Groups, index % _script.Groups);
    }

    /// <summary>A fresh stream of the directory and <paramref name="passes"/> passes.</summary>
    public Stream Open(long passes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(passes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(passes, MaxPasses);
        return new SyntheticItchStream(_script, passes, SpacingNs);
    }

    /// <summary>A replay of <paramref name="passes"/> passes (each run starts again from the directory).</summary>
    public ReplaySource Replay(long passes, ReplayOptions? options = null) =>
        ReplaySource.Itch(() => Open(passes), "synthetic", SessionDate, options);

    private long SpacingNs => MessageSpacing.Ticks * 100;
}
