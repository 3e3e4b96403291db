using System.Globalization;
using System.Text;
using FlowSense.Actors;
using FlowSense.Node.Hosting;
using FlowSense.Node.TimeSeries;

namespace FlowSense.Node.Shutdown;

/// <summary>What a node's shutdown did: each coordinated-shutdown phase, what the drain drained, the final counts, and what each time-series table stored.</summary>
/// <param name="Phases">The coordinated shutdown's own report.</param>
/// <param name="Drain">What the drain phase drained.</param>
/// <param name="Summary">The node's counts when it stopped.</param>
/// <param name="Sinks">Per time-series table: rows inserted, duplicates, dropped, failed (empty without sinks).</param>
public sealed record NodeShutdownReport(ShutdownReport Phases, DrainRecord Drain, NodeSummary Summary, IReadOnlyList<SinkTableReport> Sinks)
{
    /// <summary>Plain text, one line per phase: what the console prints after the summary.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Shutdown ({Phases.Reason}): {(Phases.AllCompleted ? "every phase completed" : "some tasks did not complete")}").AppendLine();
        foreach (PhaseReport phase in Phases.Phases.Where(p => p.Tasks.Count > 0))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {phase.Phase,-22} ");
            text.AppendJoin(", ", phase.Tasks.Select(t => t.Outcome == ShutdownTaskOutcome.Completed ? t.Name : $"{t.Name} {t.Outcome.ToString().ToLowerInvariant()}{(t.Error is null ? "" : ": " + t.Error.Message)}"));
            text.AppendLine(phase.TimedOut ? " (timed out)" : "");
        }
        text.Append(CultureInfo.InvariantCulture,
            $"  drained: {Drain.Drained:N0} events ({Drain.InFlightAtStop:N0} in flight at the stop, {Drain.ReadAtEnd - Drain.ReadAtStop:N0} read before the sources stopped), {Drain.OutstandingAtEnd:N0} left unacknowledged").AppendLine();
        foreach (SinkTableReport table in Sinks)
            text.Append(CultureInfo.InvariantCulture,
                $"  stored {table.Table + ":",-10} {table.Inserted:N0} rows, {table.Duplicates:N0} duplicates, {table.Dropped:N0} dropped, {table.Failed:N0} failed").AppendLine();
        return text.ToString();
    }
}
