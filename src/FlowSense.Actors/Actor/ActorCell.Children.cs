namespace FlowSense.Actors;

/// <summary>Starting, finding and stopping children.</summary>
internal sealed partial class ActorCell
{
    private const int StatusTerminating = 4; // stopping: new children are stopped at once

    public IReadOnlyCollection<IActorRef> Children =>
        _children is { } children ? Array.ConvertAll(children.Snapshot(), c => (IActorRef)c) : [];

    internal ActorCell[] ChildCells => _children?.Snapshot() ?? [];

    internal IActorRef CurrentSender => _currentSender ?? ActorRefs.NoSender;

    public IActorRef? Child(string name) => _children?.Get(name);

    public IActorRef ActorOf(Props props, string? name = null) => SpawnChild(props, name);

    /// <summary>Creates, registers and starts a child. Safe from any thread (the system uses it for top-level actors).</summary>
    internal ActorCell SpawnChild(Props props, string? name)
    {
        ArgumentNullException.ThrowIfNull(props);
        ChildrenContainer children = _children ?? CreateChildren();
        bool generated = name is null;
        if (name is null)
            name = children.NextGeneratedName();
        else
            ValidateName(name);

        MessageDispatcher dispatcher = _system.Dispatchers.Lookup(props.Dispatcher);
        var child = new ActorCell(_system, this, name, props, dispatcher, _system.Options.DefaultMailbox);
        if (!children.TryAdd(child, generated))
            throw new InvalidActorNameException($"The name '{name}' is already taken under {Path}.");
        child.Start();

        if ((Volatile.Read(ref _status) & (StatusTerminating | StatusClosed)) != 0)
        {
            // This parent is stopping: it may already have stopped its other children, so stop this one too.
            children.MarkStopping(child);
            child.SendSystem(new Terminate());
        }
        return child;
    }

    public void Stop(IActorRef actor)
    {
        if (actor is not LocalActorRef local)
            return;
        ActorCell target = local.Cell;
        if (ReferenceEquals(target.ParentCell, this))
            _children?.MarkStopping(target);
        target.SendSystem(new Terminate());
    }

    private ChildrenContainer CreateChildren()
    {
        Interlocked.CompareExchange(ref _children, new ChildrenContainer(), null);
        return _children!;
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0 || name[0] == '$' || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
            throw new InvalidActorNameException($"'{name}' is not a valid actor name: it must be non-empty, not start with '$' and contain no '/' or whitespace.");
    }
}
