namespace FlowSense.Actors;

/// <summary>
/// An actor that declares typed handlers in its constructor: <c>Receive&lt;Quote&gt;(q =&gt; ...)</c>.
/// The first handler (in declaration order) whose type matches and whose predicate passes takes the message.
/// </summary>
/// <remarks>Handler candidates are cached per message type, so dispatch costs one type compare in steady state.</remarks>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerTable _initial = new();
    private HandlerTable? _building;

    /// <summary>Handles messages of type <typeparamref name="T"/> (and derived types) that pass <paramref name="shouldHandle"/>.</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target.Add(new ActionHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles messages of type <typeparamref name="T"/>; returning false lets later handlers try.</summary>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target.Add(new FuncHandler<T>(handler));
    }

    /// <summary>Handles any message not taken by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler) => Receive(handler);

    /// <summary>Replaces the handlers with those that <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure) => Switch(configure, discardOld: true);

    /// <summary>Pushes the handlers that <paramref name="configure"/> declares; <see cref="UnbecomeStacked"/> pops them.</summary>
    protected void BecomeStacked(Action configure) => Switch(configure, discardOld: false);

    /// <summary>Returns to the previous handlers.</summary>
    protected void UnbecomeStacked() => Context.Unbecome();

    /// <inheritdoc />
    protected sealed override bool Receive(object message) => _initial.TryHandle(message);

    private HandlerTable Target => _building ?? _initial;

    private void Switch(Action configure, bool discardOld)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var table = new HandlerTable();
        _building = table;
        try
        {
            configure();
        }
        finally
        {
            _building = null;
        }
        Context.Become(table.TryHandle, discardOld);
    }

    /// <summary>Handlers in declaration order, with the candidates for each message type cached.</summary>
    private sealed class HandlerTable
    {
        private const int SmallCacheSize = 8;

        private Handler[] _handlers = [];
        private Type? _lastType;
        private Handler[] _lastCandidates = [];
        private (Type Type, Handler[] Candidates)[]? _small;
        private int _smallCount;
        private Dictionary<Type, Handler[]>? _large;

        public void Add(Handler handler)
        {
            _handlers = [.. _handlers, handler];
            _lastType = null;
            _smallCount = 0;
            _large = null;
        }

        public bool TryHandle(object message)
        {
            Type type = message.GetType();
            Handler[] candidates = ReferenceEquals(type, _lastType) ? _lastCandidates : Lookup(type);
            foreach (Handler handler in candidates)
            {
                if (handler.TryInvoke(message))
                    return true;
            }
            return false;
        }

        private Handler[] Lookup(Type type)
        {
            Handler[]? candidates = null;
            for (int i = 0; i < _smallCount; i++)
            {
                if (ReferenceEquals(_small![i].Type, type))
                {
                    candidates = _small[i].Candidates;
                    break;
                }
            }

            if (candidates is null && (_large is null || !_large.TryGetValue(type, out candidates)))
            {
                candidates = Array.FindAll(_handlers, h => h.MessageType.IsAssignableFrom(type));
                Remember(type, candidates);
            }

            _lastType = type;
            _lastCandidates = candidates;
            return candidates;
        }

        private void Remember(Type type, Handler[] candidates)
        {
            if (_smallCount < SmallCacheSize)
            {
                _small ??= new (Type, Handler[])[SmallCacheSize];
                _small[_smallCount++] = (type, candidates);
            }
            else
            {
                (_large ??= [])[type] = candidates;
            }
        }
    }

    private abstract class Handler(Type messageType)
    {
        public Type MessageType { get; } = messageType;

        public abstract bool TryInvoke(object message);
    }

    private sealed class ActionHandler<T>(Action<T> action, Predicate<T>? shouldHandle) : Handler(typeof(T))
    {
        public override bool TryInvoke(object message)
        {
            var typed = (T)message;
            if (shouldHandle is not null && !shouldHandle(typed))
                return false;
            action(typed);
            return true;
        }
    }

    private sealed class FuncHandler<T>(Func<T, bool> handler) : Handler(typeof(T))
    {
        public override bool TryInvoke(object message) => handler((T)message);
    }
}
