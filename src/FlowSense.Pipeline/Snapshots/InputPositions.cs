using FlowSense.MarketData.Checkpoints;

namespace FlowSense.Pipeline.Snapshots;

/// <summary>
/// Where a symbol stands in each of its input sources: per source id (an ingestion run's name, e.g. a replay's), the
/// position of the last event it processed. A position is the event's 1-based ordinal in the source's output, the
/// same on every replay of the same file, so after a restart an event at or below the recovered position is known to
/// be in the recovered state already and is skipped (counted as a duplicate), never applied twice.
/// </summary>
/// <remarks>Owned by one symbol actor; a source's <see cref="SourcePosition"/> is looked up once per slice, not per event.</remarks>
public sealed class InputPositions
{
    private const byte CheckpointVersion = 1;
    private const int MaxSources = 4096;
    private const int MaxSourceIdBytes = 1024;

    private readonly Dictionary<string, SourcePosition> _bySource = new(StringComparer.Ordinal);
    private string? _lastSource;           // the source of the last lookup: a run names all its slices with one string,
    private SourcePosition? _lastPosition; // so a reference compare usually replaces a hash and three cold cache lines

    /// <summary>The sources seen, each with its last processed position.</summary>
    public IReadOnlyDictionary<string, long> Positions => _bySource.ToDictionary(p => p.Key, p => p.Value.Last, StringComparer.Ordinal);

    /// <summary>The last processed position in <paramref name="sourceId"/> (0 before any).</summary>
    public long Of(string sourceId) => _bySource.TryGetValue(sourceId, out SourcePosition? p) ? p.Last : 0;

    /// <summary>The cursor of <paramref name="sourceId"/>, created at 0 on first use.</summary>
    public SourcePosition For(string sourceId)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        if (ReferenceEquals(sourceId, _lastSource))
            return _lastPosition!;
        if (!_bySource.TryGetValue(sourceId, out SourcePosition? position))
            _bySource.Add(sourceId, position = new SourcePosition());
        (_lastSource, _lastPosition) = (sourceId, position);
        return position;
    }

    /// <summary>Writes every source's position as one section.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(SymbolSections.InputPositions, CheckpointVersion);
        writer.WriteInt32(_bySource.Count);
        foreach ((string source, SourcePosition position) in _bySource.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            CheckpointText.Write(ref writer, source);
            writer.WriteInt64(position.Last);
        }
        writer.EndSection();
    }

    /// <summary>Replaces every position with those of the next section.</summary>
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(SymbolSections.InputPositions, CheckpointVersion);
        int count = reader.ReadCount(MaxSources, "input sources");
        _bySource.Clear();
        (_lastSource, _lastPosition) = (null, null);
        for (int i = 0; i < count; i++)
        {
            string source = CheckpointText.Read(ref reader, MaxSourceIdBytes, "source id length");
            long last = reader.ReadInt64();
            if (last < 0)
                throw reader.Corrupt($"input position {last} is negative");
            For(source).Last = last;
        }
        reader.EndSection();
    }
}

/// <summary>One source's cursor within a symbol: the position of the last event processed.</summary>
public sealed class SourcePosition
{
    /// <summary>0 before the first event.</summary>
    public long Last { get; internal set; }

    /// <summary>Records <paramref name="position"/> and returns true if it is new; false (and no change) if it was processed already.</summary>
    internal bool Advance(long position)
    {
        if (position <= Last)
            return false;
        Last = position;
        return true;
    }
}
