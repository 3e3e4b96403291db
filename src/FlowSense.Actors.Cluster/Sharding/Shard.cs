namespace FlowSense.Actors.Cluster.Sharding;

/// <summary>
/// The parent of one shard's entities (<c>/user/shards/&lt;shard&gt;</c>): creates an entity on its first message,
/// forwards messages to it with their sender, restarts it when it fails (counting restarts per entity), and stops it
/// when idle (passivation), holding the messages that arrive while it stops and re-creating it for them. It hands out
/// direct routes to its entities (<see cref="GetEntityRoute"/>), pinning them against passivation until released.
/// </summary>
internal sealed class Shard : ReceiveActor
{
    private readonly ShardId _id;
    private readonly Func<string, Props> _entityProps;
    private readonly ShardingOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, EntityRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, EntityRecord> _byRef = [];
    private ICancelable? _passivationTimer;

    public Shard(ShardId id, Func<string, Props> entityProps, ShardingOptions options)
    {
        _id = id;
        _entityProps = entityProps;
        _options = options;
        _time = Context.System.TimeProvider;
        Receive<GetEntityRoute>(OnGetRoute);
        Receive<ReleaseEntityRoute>(OnReleaseRoute);
        Receive<IEntityMessage>(Deliver);
        Receive<Terminated>(OnTerminated);
        Receive<PassivationTick>(_ => PassivateIdle());
        Receive<GetShardState>(_ => Sender.Tell(State(), Self));
    }

    public static Props Props(ShardId id, Func<string, Props> entityProps, ShardingOptions options) =>
        Actors.Props.Create(() => new Shard(id, entityProps, options));

    protected override void PreStart()
    {
        if (_options.CheckInterval is { } interval)
            _passivationTimer = Context.System.Scheduler.ScheduleTellRepeatedly(interval, interval, Self, PassivationTick.Instance, Self);
    }

    protected override void PostStop() => _passivationTimer?.Cancel();

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(_options.EntityMaxRestarts, _options.EntityRestartWindow, (child, cause) =>
        {
            Directive directive = Actors.SupervisorStrategy.DefaultDecider(cause);
            if (directive == Directive.Restart && _byRef.TryGetValue(child, out EntityRecord? entity))
                entity.Restarts++;
            return directive;
        });

    private void Deliver(IEntityMessage message)
    {
        object payload = message is ShardEnvelope envelope ? envelope.Message : message;
        EntityRecord entity = Record(message.EntityId);

        if (entity.Stopping)
        {
            Hold(entity, payload, Sender);
            return;
        }
        (entity.Ref ?? Start(entity)).Tell(payload, Sender);
    }

    private EntityRecord Record(string entityId)
    {
        if (!_byId.TryGetValue(entityId, out EntityRecord? entity))
        {
            entity = new EntityRecord(entityId, EntityName.Escape(entityId));
            _byId.Add(entity.Id, entity);
        }
        entity.LastActivity = _time.GetTimestamp();
        return entity;
    }

    /// <summary>The entity itself, pinned (never passivated while pinned); the shard while the entity is stopping.</summary>
    private void OnGetRoute(GetEntityRoute request)
    {
        EntityRecord entity = Record(request.EntityId);
        if (entity.Stopping)
        {
            Sender.Tell(new EntityRoute(entity.Id, Self), Self);
            return;
        }
        entity.Pins++;
        Sender.Tell(new EntityRoute(entity.Id, entity.Ref ?? Start(entity)), Self);
    }

    private void OnReleaseRoute(ReleaseEntityRoute release)
    {
        EntityRecord entity = Record(release.EntityId); // counts as activity: its idle time starts now
        if (entity.Pins > 0)
            entity.Pins--;
    }

    private IActorRef Start(EntityRecord entity)
    {
        IActorRef child = Context.ActorOf(_entityProps(entity.Id), entity.Name);
        Context.Watch(child);
        entity.Ref = child;
        entity.Incarnations++;
        _byRef.Add(child, entity);
        return child;
    }

    private void Hold(EntityRecord entity, object payload, IActorRef sender)
    {
        var buffer = entity.Buffer ??= new Queue<(object, IActorRef)>();
        if (buffer.Count >= _options.MaxBufferedPerEntity)
        {
            entity.Dropped++;
            Context.System.DeadLetters.Tell(payload, sender);
            return;
        }
        buffer.Enqueue((payload, sender));
    }

    private void PassivateIdle()
    {
        if (_options.PassivateIdleAfter is not { } idle)
            return;
        long now = _time.GetTimestamp();
        foreach (EntityRecord entity in _byRef.Values)
        {
            if (!entity.Stopping && entity.Pins == 0 && _time.GetElapsedTime(entity.LastActivity, now) >= idle)
            {
                entity.Stopping = true;
                entity.Passivations++;
                Context.Stop(entity.Ref!);
            }
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        if (!_byRef.Remove(terminated.Actor, out EntityRecord? entity))
            return;
        entity.Ref = null;
        entity.Stopping = false;
        if (entity.Buffer is not { Count: > 0 } buffer)
            return;
        // Messages arrived while it stopped: bring it back for them, in their order.
        IActorRef fresh = Start(entity);
        while (buffer.TryDequeue(out var held))
            fresh.Tell(held.Item1, held.Item2);
    }

    private ShardState State() => new(
        _id,
        Self.Path.ToString(),
        [.. _byId.Values.OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => new EntityState(
            e.Id, Self.Path.Child(e.Name).ToString(), e.Ref is not null && !e.Stopping, e.Restarts, e.Passivations, e.Incarnations, e.Dropped))]);

    /// <summary>The shard's bookkeeping for one entity id; it outlives the entity's incarnations.</summary>
    private sealed class EntityRecord(string id, string name)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public IActorRef? Ref { get; set; }

        public bool Stopping { get; set; }

        public long LastActivity { get; set; }

        public int Restarts { get; set; }

        public int Passivations { get; set; }

        public int Incarnations { get; set; }

        public long Dropped { get; set; }

        /// <summary>Direct routes handed out and not given back; a pinned entity is not passivated.</summary>
        public int Pins { get; set; }

        public Queue<(object, IActorRef)>? Buffer { get; set; }
    }
}
