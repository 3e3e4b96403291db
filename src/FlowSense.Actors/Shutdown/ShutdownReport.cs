namespace FlowSense.Actors;

/// <summary>What a coordinated shutdown did.</summary>
/// <param name="Reason">The reason given to <see cref="CoordinatedShutdown.RunAsync"/>.</param>
/// <param name="Phases">Each phase, in the order it ran.</param>
public sealed record ShutdownReport(string Reason, IReadOnlyList<PhaseReport> Phases)
{
    /// <summary>True when every task of every phase completed.</summary>
    public bool AllCompleted => Phases.All(p => p.Tasks.All(t => t.Outcome == ShutdownTaskOutcome.Completed));
}

/// <summary>One phase of a coordinated shutdown.</summary>
/// <param name="Phase">The phase name.</param>
/// <param name="Tasks">Its tasks.</param>
/// <param name="TimedOut">True when the phase hit its timeout (its unfinished tasks were cancelled).</param>
public sealed record PhaseReport(string Phase, IReadOnlyList<ShutdownTaskReport> Tasks, bool TimedOut);

/// <summary>One task of a phase.</summary>
/// <param name="Name">The task name.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Error">The exception of a failed task.</param>
public sealed record ShutdownTaskReport(string Name, ShutdownTaskOutcome Outcome, Exception? Error = null);

/// <summary>How a shutdown task ended.</summary>
public enum ShutdownTaskOutcome
{
    /// <summary>It completed.</summary>
    Completed,

    /// <summary>It threw.</summary>
    Failed,

    /// <summary>It had not finished when its phase timed out.</summary>
    TimedOut,
}
