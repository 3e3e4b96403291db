using Microsoft.Extensions.Logging;

namespace FlowSense.Actors;

/// <summary>
/// Stops a node in ordered phases. Each phase runs after the phases it depends on; its tasks run concurrently and
/// get the phase's timeout, after which unfinished tasks are cancelled and reported as timed out (the shutdown
/// goes on). The built-in phases run in this order:
/// <see cref="StopIngestion"/> → <see cref="Drain"/> → <see cref="Snapshot"/> → <see cref="LeaveCluster"/> →
/// <see cref="CloseStorage"/> → <see cref="TerminateSystem"/> (which terminates the actor system).
/// </summary>
public sealed class CoordinatedShutdown
{
    /// <summary>Connectors stop taking input.</summary>
    public const string StopIngestion = "stop-ingestion";

    /// <summary>In-flight work is drained through the pipelines.</summary>
    public const string Drain = "drain";

    /// <summary>State is snapshotted.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>The node leaves the cluster and hands over its shards.</summary>
    public const string LeaveCluster = "leave-cluster";

    /// <summary>Journals and stores are flushed and closed.</summary>
    public const string CloseStorage = "close-storage";

    /// <summary>The actor system terminates.</summary>
    public const string TerminateSystem = "actor-system-terminate";

    private readonly ActorSystem _system;
    private readonly TimeSpan _defaultTimeout;
    private readonly Lock _sync = new();
    private readonly List<Phase> _phases = [];
    private Task<ShutdownReport>? _run;

    internal CoordinatedShutdown(ActorSystem system, CoordinatedShutdownOptions options)
    {
        _system = system;
        _defaultTimeout = options.DefaultPhaseTimeout;
        string? previous = null;
        foreach (string name in new[] { StopIngestion, Drain, Snapshot, LeaveCluster, CloseStorage, TerminateSystem })
        {
            AddPhase(name, previous is null ? [] : [previous]);
            previous = name;
        }
        AddTask(TerminateSystem, "terminate-actor-system", _ => _system.Terminate());
    }

    /// <summary>The reason of the run, once <see cref="RunAsync"/> has been called.</summary>
    public string? Reason { get; private set; }

    /// <summary>The phases in the order they will run.</summary>
    public IReadOnlyList<string> OrderedPhases
    {
        get
        {
            lock (_sync)
                return [.. Order().Select(p => p.Name)];
        }
    }

    /// <summary>Declares a phase that runs after <paramref name="dependsOn"/>.</summary>
    /// <exception cref="ArgumentException">The phase exists, or a dependency is unknown.</exception>
    public void AddPhase(string name, IReadOnlyCollection<string> dependsOn, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(dependsOn);
        lock (_sync)
        {
            EnsureNotStarted();
            if (Find(name) is not null)
                throw new ArgumentException($"The shutdown phase '{name}' already exists.", nameof(name));
            foreach (string dependency in dependsOn)
            {
                if (Find(dependency) is null)
                    throw new ArgumentException($"The shutdown phase '{name}' depends on unknown phase '{dependency}'.", nameof(dependsOn));
            }
            _phases.Add(new Phase(name, [.. dependsOn], timeout ?? _defaultTimeout));
        }
    }

    /// <summary>Adds a task to <paramref name="phase"/>; it receives a token cancelled when the phase times out.</summary>
    /// <exception cref="ArgumentException">The phase is unknown.</exception>
    public void AddTask(string phase, string taskName, Func<CancellationToken, Task> task)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskName);
        ArgumentNullException.ThrowIfNull(task);
        lock (_sync)
        {
            EnsureNotStarted();
            Phase target = Find(phase) ?? throw new ArgumentException($"Unknown shutdown phase '{phase}'.", nameof(phase));
            target.Tasks.Add((taskName, task));
        }
    }

    /// <summary>Runs every phase once; later calls return the same report.</summary>
    public Task<ShutdownReport> RunAsync(string reason)
    {
        lock (_sync)
        {
            if (_run is null)
            {
                Reason = reason;
                _run = Task.Run(() => RunPhasesAsync(reason, Order()));
            }
            return _run;
        }
    }

    private async Task<ShutdownReport> RunPhasesAsync(string reason, IReadOnlyList<Phase> phases)
    {
        KernelLog.ShutdownStarted(_system.Log, reason);
        var reports = new List<PhaseReport>(phases.Count);
        foreach (Phase phase in phases)
            reports.Add(await RunPhaseAsync(phase).ConfigureAwait(false));
        return new ShutdownReport(reason, reports);
    }

    private async Task<PhaseReport> RunPhaseAsync(Phase phase)
    {
        using var cancellation = new CancellationTokenSource();
        (string Name, Task Task)[] running = [.. phase.Tasks.Select(t => (t.Name, Start(t.Run, cancellation.Token)))];
        bool timedOut = false;
        try
        {
            await Task.WhenAll(running.Select(r => r.Task)).WaitAsync(phase.Timeout, _system.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            timedOut = true;
            KernelLog.PhaseTimedOut(_system.Log, phase.Name, phase.Timeout);
            await cancellation.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Task failures are reported per task below.
        }

        var tasks = new List<ShutdownTaskReport>(running.Length);
        foreach ((string name, Task task) in running)
        {
            ShutdownTaskReport report = task.Status switch
            {
                TaskStatus.RanToCompletion => new ShutdownTaskReport(name, ShutdownTaskOutcome.Completed),
                TaskStatus.Faulted => new ShutdownTaskReport(name, ShutdownTaskOutcome.Failed, task.Exception!.InnerException),
                _ => new ShutdownTaskReport(name, ShutdownTaskOutcome.TimedOut),
            };
            if (report.Outcome == ShutdownTaskOutcome.Failed)
                KernelLog.ShutdownTaskFailed(_system.Log, report.Error!, phase.Name, name);
            tasks.Add(report);
        }
        return new PhaseReport(phase.Name, tasks, timedOut);
    }

    private static Task Start(Func<CancellationToken, Task> run, CancellationToken token)
    {
        try
        {
            return run(token);
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    /// <summary>Phases in dependency order; among ready phases, declaration order.</summary>
    private List<Phase> Order()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<Phase>(_phases.Count);
        while (ordered.Count < _phases.Count)
        {
            Phase next = _phases.FirstOrDefault(p => !done.Contains(p.Name) && p.DependsOn.All(done.Contains))
                ?? throw new InvalidOperationException("The shutdown phases have a dependency cycle.");
            done.Add(next.Name);
            ordered.Add(next);
        }
        return ordered;
    }

    private Phase? Find(string name) => _phases.Find(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    private void EnsureNotStarted()
    {
        if (_run is not null)
            throw new InvalidOperationException("Coordinated shutdown has already started.");
    }

    private sealed record Phase(string Name, string[] DependsOn, TimeSpan Timeout)
    {
        public List<(string Name, Func<CancellationToken, Task> Run)> Tasks { get; } = [];
    }
}
