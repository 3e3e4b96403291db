using System.Collections.Concurrent;

namespace FlowSense.Actors.Streams;

/// <summary>Element counts of one stage, updated lock-free as elements pass.</summary>
public sealed class StageCounter(string name)
{
    private long _emitted;
    private long _dropped;
    private long _restarts;

    public string Name { get; } = name;

    /// <summary>Elements this stage has passed downstream.</summary>
    public long Emitted => Volatile.Read(ref _emitted);

    /// <summary>Elements this stage discarded by its configured policy (never silently: every one is counted here).</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Times a restarting stage started its inner source again.</summary>
    public long Restarts => Volatile.Read(ref _restarts);

    internal void CountEmitted() => Interlocked.Increment(ref _emitted);

    internal void CountDropped() => Interlocked.Increment(ref _dropped);

    internal void CountRestart() => Interlocked.Increment(ref _restarts);

    public override string ToString() => $"{Name}: emitted {Emitted}, dropped {Dropped}, restarts {Restarts}";
}

/// <summary>The counters of every stage of one materialized graph, by stage name (<c>buffer#1</c>, <c>source#0</c>...).</summary>
public sealed class StreamCounters
{
    private readonly ConcurrentDictionary<string, StageCounter> _stages = new(StringComparer.Ordinal);
    private int _next;

    internal StageCounter Register(string kind)
    {
        string name = $"{kind}#{Interlocked.Increment(ref _next) - 1}";
        return _stages.GetOrAdd(name, n => new StageCounter(n));
    }

    public IReadOnlyCollection<StageCounter> Stages => [.. _stages.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>The first registered stage of a kind, e.g. <c>Stage("buffer")</c>.</summary>
    public StageCounter Stage(string kind) =>
        _stages.Values.Where(s => s.Name.StartsWith(kind + "#", StringComparison.Ordinal))
            .OrderBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault()
        ?? throw new KeyNotFoundException($"No '{kind}' stage in this graph; it has: {string.Join(", ", _stages.Keys)}.");
}
