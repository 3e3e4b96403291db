namespace FlowSense.Actors;

/// <summary>
/// Failure handling. A failing actor suspends itself and its children and reports <see cref="Failed"/> to its
/// parent; the parent's strategy answers with Resume, Recreate (restart), Terminate (stop) or fails in turn (escalate).
/// </summary>
internal sealed partial class ActorCell
{
    internal int RestartCount => _extras?.RestartStatistics?.Total ?? 0;

    private SupervisorStrategy Strategy
    {
        get
        {
            CellExtras extras = Extras;
            return extras.Strategy ??= _props.SupervisorStrategy ?? _actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.Default;
        }
    }

    /// <summary>This actor failed on its own turn: suspend and ask the parent.</summary>
    /// <param name="cause">The failure.</param>
    /// <param name="perpetrator">On escalation, the child whose failure this is (already suspended).</param>
    private void Fail(Exception cause, ActorCell? perpetrator = null)
    {
        if (_state >= LifecycleState.Terminating)
        {
            _system.LogHookFailure(cause, this, "stop");
            return;
        }

        _suspendCount++;
        SuspendChildren(except: perpetrator);
        if (ParentCell is null)
        {
            _system.LogHookFailure(cause, this, "root guardian");
            BeginTerminate();
            return;
        }
        ParentCell.SendSystem(new Failed(this, cause));
    }

    private void SuspendChildren(ActorCell? except = null)
    {
        foreach (ActorCell child in _children?.Living() ?? [])
        {
            if (!ReferenceEquals(child, except))
                child.SendSystem(new Suspend());
        }
    }

    private void SuspendNonRecursive()
    {
        _suspendCount++;
        SuspendChildren();
    }

    private void HandleResume(Resume resume)
    {
        if (_suspendCount > 0)
            _suspendCount--;
        foreach (ActorCell child in _children?.Living() ?? [])
            child.SendSystem(new Resume(resume.CausedByFailure));
    }

    /// <summary>The supervisor's side: decide what happens to a failed child.</summary>
    private void HandleChildFailure(Failed failed)
    {
        ActorCell child = failed.Child;
        if (_children is not { } children || !children.Contains(child) || children.IsStopping(child))
            return; // the child is already on its way out

        SupervisorStrategy strategy = Strategy;
        Directive directive = strategy.Decide(child, failed.Cause);
        if (directive == Directive.Resume && failed.Cause is ActorInitializationException)
            directive = Directive.Restart; // there is no instance to resume
        _system.LogChildFailure(failed.Cause, child, directive);

        switch (directive)
        {
            case Directive.Resume:
                child.SendSystem(new Resume(causedByFailure: true));
                break;
            case Directive.Restart:
                RestartChildren(strategy, child, failed.Cause);
                break;
            case Directive.Stop:
                foreach (ActorCell target in strategy.AppliesToAllChildren ? children.Living() : [child])
                    Stop(target);
                break;
            case Directive.Escalate:
                Fail(failed.Cause, perpetrator: child);
                break;
        }
    }

    private void RestartChildren(SupervisorStrategy strategy, ActorCell failedChild, Exception cause)
    {
        ActorCell[] targets = strategy.AppliesToAllChildren ? _children!.Living() : [failedChild];
        bool allowed = true;
        foreach (ActorCell target in targets)
            allowed &= (target.Extras.RestartStatistics ??= new RestartStatistics()).RequestRestartPermission(strategy, _system.TimeProvider);

        foreach (ActorCell target in targets)
        {
            if (!allowed)
            {
                Stop(target);
                continue;
            }
            if (!ReferenceEquals(target, failedChild))
                target.SendSystem(new Suspend()); // siblings are running: suspend before replacing them
            target.SendSystem(new Recreate(cause));
        }
    }

    /// <summary>The child's side of Restart: PreRestart on the old instance, wait for stopped children, then a new instance.</summary>
    private void HandleRecreate(Exception cause)
    {
        if (_state >= LifecycleState.Terminating)
            return;
        if (_actor is { } failed)
        {
            try
            {
                failed.InvokePreRestart(cause, _currentMessage);
            }
            catch (Exception ex)
            {
                _system.LogHookFailure(ex, this, "PreRestart");
            }
        }

        _behavior = null;
        _extras?.BehaviorStack?.Clear();
        CancelReceiveTimeout();
        if (_children is { StoppingCount: > 0 })
        {
            Extras.PendingRecreate = cause; // finished when the last stopping child reports ChildTerminated
            return;
        }
        FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        if (_extras is { } extras)
        {
            extras.PendingRecreate = null;
            extras.Strategy = null;
        }
        _actor = null;
        try
        {
            ActorBase fresh = NewActor();
            _actor = fresh;
            if (_extras?.Stash is { Count: > 0 } stash)
                stash.UnstashAll(); // stashed messages survive the restart, ahead of the mailbox
            fresh.InvokePostRestart(cause);
        }
        catch (Exception ex)
        {
            // Stay suspended; the parent decides again (by default: stop).
            ParentCell?.SendSystem(new Failed(this, new ActorInitializationException(this, "failed to restart", ex)));
            return;
        }

        _suspendCount = 0;
        foreach (ActorCell survivor in _children?.Living() ?? [])
            survivor.SendSystem(new Recreate(cause));
    }
}
