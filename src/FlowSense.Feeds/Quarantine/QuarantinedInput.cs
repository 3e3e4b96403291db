namespace FlowSense.Feeds.Quarantine;

/// <summary>One rejected input, kept so a user can inspect exactly what was refused and where it came from.</summary>
/// <param name="Source">The feed or file it came from, e.g. <c>itch:/data/20191230.NASDAQ_ITCH50</c>.</param>
/// <param name="Category">Why it was rejected, e.g. <c>truncated</c> or <c>unknown-type</c>.</param>
/// <param name="Position">Where in the source: a byte offset, line number or message index (see <paramref name="Source"/>'s codec).</param>
/// <param name="Bytes">The raw bytes, capped at <see cref="QuarantineOptions.MaxBytesPerInput"/>.</param>
/// <param name="OriginalLength">The input's length before capping.</param>
/// <param name="At">When it was quarantined.</param>
public sealed record QuarantinedInput(string Source, string Category, long Position, byte[] Bytes, int OriginalLength, DateTimeOffset At);
