using System.Globalization;
using System.Text;
using FlowSense.Node.Replays;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Node.Hosting;

/// <summary>The node's counts: per source (what was read and what became of it) and per symbol.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Duration">Time since the node started.</param>
/// <param name="Sources">Every replay.</param>
/// <param name="Symbols">Every symbol.</param>
public sealed record NodeSummary(string NodeId, TimeSpan Duration, IReadOnlyList<SourceSummary> Sources, IReadOnlyList<SymbolSummaryLine> Symbols)
{
    /// <summary>Events read from every source.</summary>
    public long Events => Sources.Sum(s => s.Events);

    /// <summary>Events read per second of the node's life.</summary>
    public double EventsPerSecond => Duration > TimeSpan.Zero ? Events / Duration.TotalSeconds : 0;

    /// <summary>Inputs the sources refused (malformed, undecodable) plus events the symbols refused.</summary>
    public long Rejected => Sources.Sum(s => s.SourceRejected) + Symbols.Sum(s => s.Rejected);

    /// <summary>Book resynchronizations the symbols requested.</summary>
    public long Resyncs => Symbols.Sum(s => s.Resyncs);

    /// <summary>Plain text: what the console prints at the end.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Summary: {Events:N0} events in {Duration.TotalSeconds:N1} s ({EventsPerSecond:N0} events/s) from {Sources.Count} sources into {Symbols.Count} symbols; ")
            .Append(CultureInfo.InvariantCulture,
            $"applied {Symbols.Sum(s => s.Applied):N0}, rejected {Rejected:N0}, duplicates {Symbols.Sum(s => s.Duplicates):N0}, skipped {Symbols.Sum(s => s.Skipped):N0}, ")
            .Append(CultureInfo.InvariantCulture,
            $"gaps {Symbols.Sum(s => s.Gaps):N0}, resyncs {Resyncs:N0}, restarts {Symbols.Sum(s => s.Restarts):N0}, quarantined {Symbols.Sum(s => s.Quarantined) + Sources.Sum(s => s.Quarantined):N0}")
            .AppendLine();
        foreach (SourceSummary s in Sources)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"  {s.Name,-12} {s.Format,-8} {s.State,-10} {s.Events,12:N0} events  {s.Progress,7:P1}  source rejected {s.SourceRejected:N0}, unroutable {s.Unroutable:N0}, applied {s.Applied:N0}, symbol rejected {s.Rejected:N0}")
                .AppendLine(s.LastError is null ? "" : $"  error: {s.LastError}");
        }
        return text.ToString();
    }
}

/// <summary>One source of <see cref="NodeSummary"/>.</summary>
/// <param name="Name">The replay's name.</param>
/// <param name="Format">lean, capture or itch.</param>
/// <param name="State">Replaying, Completed, Stopped or Failed.</param>
/// <param name="Events">Events read.</param>
/// <param name="Progress">Fraction of the file read.</param>
/// <param name="SourceRejected">Inputs the reader or codec refused.</param>
/// <param name="Quarantined">Inputs in the source's quarantine.</param>
/// <param name="Unroutable">Events of no known symbol.</param>
/// <param name="Applied">Events the symbols applied.</param>
/// <param name="Duplicates">Events the symbols skipped as duplicates.</param>
/// <param name="Rejected">Events the symbols refused.</param>
/// <param name="Skipped">Events the symbols' book types do not use.</param>
/// <param name="LastError">Why it failed, if it did.</param>
public sealed record SourceSummary(
    string Name, string Format, string State, long Events, double Progress, long SourceRejected, long Quarantined, long Unroutable,
    long Applied, long Duplicates, long Rejected, long Skipped, string? LastError)
{
    internal static SourceSummary Of(ReplayConnector c, IngestionSnapshot? s)
    {
        var p = c.Progress;
        return new SourceSummary(c.Name, c.Format, c.State, p.Events, p.Fraction, p.Rejected, c.Quarantine.Total, s?.Unroutable ?? 0,
            s?.Applied ?? 0, s?.Duplicates ?? 0, s?.Rejected ?? 0, s?.Skipped ?? 0, c.LastError);
    }
}

/// <summary>One symbol of <see cref="NodeSummary"/>: its health counters.</summary>
public sealed record SymbolSummaryLine(
    string Symbol, int Shard, long Applied, long Duplicates, long Gaps, long Rejected, long Skipped, long Resyncs, long Restarts, long Quarantined)
{
    internal static SymbolSummaryLine Of(SymbolListing l) => new(SymbolKey.EntityId(l.Instrument), l.Shard.Value, l.Health.Applied,
        l.Health.Duplicates, l.Health.Gaps, l.Health.Rejected, l.Health.Skipped, l.Health.Resyncs, l.Health.Restarts, l.Health.Quarantined);
}
