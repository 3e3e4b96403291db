using FlowSense.Feeds.Replay;
using FlowSense.Management.Contract;
using FlowSense.MarketData.Instruments;
using FlowSense.Node.Connectors;

namespace FlowSense.Node.Replays;

/// <summary>
/// One configured replay as the node runs and reports it: its source, the instruments it carries (found by a
/// discovery pass before the run, so every symbol's scales are known up front), its quarantine and its state.
/// Shown by the management endpoint as a connector.
/// </summary>
internal sealed class ReplayConnector : INodeConnector
{
    private volatile string _state = ReplayStates.Pending;
    private volatile string? _lastError;

    public ReplayConnector(
        string name, string format, ReplaySource source, Feeds.Quarantine.Quarantine quarantine, IReadOnlyList<Instrument> instruments,
        Pipeline.Symbols.BookType bookType, IReadOnlyDictionary<InstrumentId, TradedVolume> traded)
    {
        Traded = traded;
        Name = name;
        Format = format;
        Source = source;
        Quarantine = quarantine;
        Instruments = instruments;
        BookType = bookType;
    }

    public string Name { get; }

    /// <summary>lean, capture or itch.</summary>
    public string Format { get; }

    public ReplaySource Source { get; }

    /// <summary>Where the replay's unreadable input went (also counted in <see cref="ReplayProgress.Rejected"/>).</summary>
    public Feeds.Quarantine.Quarantine Quarantine { get; }

    /// <summary>The instruments of the file, with their fixed-point scales.</summary>
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>What each instrument traded in the file (from the discovery pass): sizes its VPIN buckets.</summary>
    public IReadOnlyDictionary<InstrumentId, TradedVolume> Traded { get; }

    /// <summary>The book its symbols keep.</summary>
    public Pipeline.Symbols.BookType BookType { get; }

    public string State => _state;

    public string? LastError => _lastError;

    public ReplayProgress Progress => Source.Counters.Snapshot();

    public long Events => Progress.Events;

    public long Rejected => Progress.Rejected;

    public long Quarantined => Quarantine.Total;

    public void Started() => _state = ReplayStates.Replaying;

    public void Completed() => _state = ReplayStates.Completed;

    public void Stopped() => _state = ReplayStates.Stopped;

    public void Failed(Exception error)
    {
        _lastError = error.GetType().Name + ": " + error.Message;
        _state = ReplayStates.Failed;
    }

    public ConnectorInfo ToInfo()
    {
        ReplayProgress p = Progress;
        return new ConnectorInfo(Name, Format, State, 0, 0, p.Events, p.Rejected, LastError, p.Fraction);
    }

    /// <summary>Refused: replaying the file again would apply its events a second time.</summary>
    public Task<ConnectorRestart> RestartAsync(TimeSpan askTimeout, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorRestart(Name, false,
            $"'{Name}' is a {Format} replay ({State}); a replay cannot be restarted, because its events would be applied twice. Restart the node to replay again."));
}

/// <summary>The states of a <see cref="ReplayConnector"/>.</summary>
internal static class ReplayStates
{
    public const string Pending = "Pending";
    public const string Replaying = "Replaying";
    public const string Completed = "Completed";
    public const string Stopped = "Stopped";
    public const string Failed = "Failed";
}
