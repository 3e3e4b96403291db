using System.Collections.Concurrent;
using System.Diagnostics;

namespace FlowSense.Actors.TestKit;

/// <summary>
/// A real actor whose messages a test reads synchronously: send to <see cref="Ref"/>, then assert with
/// <see cref="ExpectMsg{T}(Func{T, bool}?, TimeSpan?)"/> and friends. Expectations wait on the wall clock.
/// </summary>
public sealed class TestProbe
{
    private readonly BlockingCollection<Envelope> _inbox;
    private readonly ActorSystem _system;

    internal TestProbe(ActorSystem system, string name, TimeSpan defaultTimeout)
    {
        _system = system;
        _inbox = [];
        DefaultTimeout = defaultTimeout;
        Ref = system.SystemActorOf(Props.Create(() => new ProbeActor(_inbox)), name);
    }

    /// <summary>The probe's address.</summary>
    public IActorRef Ref { get; }

    /// <summary>How long expectations wait when given no timeout (shortened inside <see cref="TestKit.Within"/>).</summary>
    public TimeSpan DefaultTimeout { get; }

    /// <summary>The sender of the last message received.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.NoSender;

    /// <summary>The last message received.</summary>
    public object? LastMessage { get; private set; }

    /// <summary>Tells <paramref name="message"/> to <paramref name="target"/> with this probe as the sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, Ref);

    /// <summary>Replies to <see cref="LastSender"/>.</summary>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Sends the last message on to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target) => target.Tell(LastMessage ?? throw new InvalidOperationException("Nothing received yet."), LastSender);

    /// <summary>
    /// Makes the probe watch <paramref name="actor"/>: its <see cref="Terminated"/> arrives in the probe. Returns once
    /// the watch is registered, so that what the test does next (stopping the actor, or its parent) comes after it:
    /// a watch that reached an actor already stopped would still report it, but in no set order with other actors'.
    /// </summary>
    public IActorRef Watch(IActorRef actor) => Command(actor, watch: true);

    /// <summary>Stops watching <paramref name="actor"/>; returns once the probe has.</summary>
    public IActorRef Unwatch(IActorRef actor) => Command(actor, watch: false);

    private IActorRef Command(IActorRef actor, bool watch)
    {
        var done = new ManualResetEventSlim(); // not disposed: after a timeout the probe's actor may still set it
        Ref.Tell(new ProbeActor.WatchCommand(actor, watch, done), null);
        TimeSpan limit = Remaining(null);
        if (!done.Wait(limit))
            throw new TestKitAssertionException($"The probe did not {(watch ? "watch" : "unwatch")} {actor} within {limit.TotalSeconds:0.###} s.");
        return actor;
    }

    /// <summary>Expects a <typeparamref name="T"/> (matching <paramref name="predicate"/>) as the next message.</summary>
    public T ExpectMsg<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null)
    {
        TimeSpan wait = Remaining(timeout);
        object message = Receive(wait) ?? throw new TestKitAssertionException($"Timeout ({wait}) while waiting for a {typeof(T).Name}.");
        if (message is not T typed)
            throw new TestKitAssertionException($"Expected a {typeof(T).Name} but received {Describe(message)}.");
        if (predicate is not null && !predicate(typed))
            throw new TestKitAssertionException($"Received {Describe(message)}, which does not match the predicate.");
        return typed;
    }

    /// <summary>Expects a message equal to <paramref name="expected"/> as the next message.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull
    {
        TimeSpan wait = Remaining(timeout);
        object message = Receive(wait) ?? throw new TestKitAssertionException($"Timeout ({wait}) while waiting for {Describe(expected)}.");
        if (!Equals(message, expected))
            throw new TestKitAssertionException($"Expected {Describe(expected)} but received {Describe(message)}.");
        return (T)message;
    }

    /// <summary>Expects that <paramref name="actor"/> terminates (the probe must watch it).</summary>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? timeout = null) =>
        ExpectMsg<Terminated>(t => ReferenceEquals(t.Actor, actor), timeout);

    /// <summary>Expects no message for <paramref name="duration"/>.</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (Receive(duration) is { } message)
            throw new TestKitAssertionException($"Expected no message for {duration} but received {Describe(message)}.");
    }

    /// <summary>Skips messages until one satisfies <paramref name="isTarget"/>, and returns it.</summary>
    public object FishForMessage(Func<object, bool> isTarget, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isTarget);
        var stopwatch = Stopwatch.StartNew();
        TimeSpan wait = Remaining(timeout);
        while (true)
        {
            TimeSpan left = wait - stopwatch.Elapsed;
            object message = (left > TimeSpan.Zero ? Receive(left) : null)
                ?? throw new TestKitAssertionException($"Timeout ({wait}) while fishing for a message.");
            if (isTarget(message))
                return message;
        }
    }

    /// <summary>Skips messages until a <typeparamref name="T"/> matching <paramref name="predicate"/> arrives.</summary>
    public T FishForMessage<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null) =>
        (T)FishForMessage(m => m is T typed && (predicate is null || predicate(typed)), timeout);

    /// <summary>
    /// Collects messages while <paramref name="filter"/> maps them to a value, until it returns null, no message
    /// arrives within <paramref name="idle"/>, <paramref name="max"/> elapses or <paramref name="maxMessages"/> are read.
    /// The message that stopped the collection (filter returned null) is consumed.
    /// </summary>
    public IReadOnlyList<T> ReceiveWhile<T>(Func<object, T?> filter, TimeSpan? max = null, TimeSpan? idle = null, int maxMessages = int.MaxValue)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(filter);
        var stopwatch = Stopwatch.StartNew();
        TimeSpan limit = Remaining(max);
        var collected = new List<T>();
        while (collected.Count < maxMessages)
        {
            TimeSpan left = limit - stopwatch.Elapsed;
            if (left <= TimeSpan.Zero)
                break;
            TimeSpan wait = idle is { } i && i < left ? i : left;
            if (Receive(wait) is not { } message || filter(message) is not { } value)
                break;
            collected.Add(value);
        }
        return collected;
    }

    /// <summary>Reads <paramref name="count"/> messages of type <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> ReceiveN<T>(int count, TimeSpan? timeout = null)
    {
        var stopwatch = Stopwatch.StartNew();
        TimeSpan wait = Remaining(timeout);
        var received = new List<T>(count);
        while (received.Count < count)
        {
            TimeSpan left = wait - stopwatch.Elapsed;
            object message = (left > TimeSpan.Zero ? Receive(left) : null)
                ?? throw new TestKitAssertionException($"Timeout ({wait}) after {received.Count} of {count} messages.");
            received.Add(message is T typed ? typed : throw new TestKitAssertionException($"Expected a {typeof(T).Name} but received {Describe(message)}."));
        }
        return received;
    }

    private object? Receive(TimeSpan wait)
    {
        if (!_inbox.TryTake(out Envelope envelope, wait))
            return null;
        LastMessage = envelope.Message;
        LastSender = envelope.Sender ?? ActorRefs.NoSender;
        return envelope.Message;
    }

    private TimeSpan Remaining(TimeSpan? timeout) => WithinScope.Remaining(timeout ?? DefaultTimeout);

    private static string Describe(object? message) => message is null ? "null" : $"{message.GetType().Name} ({message})";

    /// <inheritdoc />
    public override string ToString() => $"TestProbe[{Ref.Path}] of {_system.Name}";

    /// <summary>The actor behind a probe: everything it receives goes to the test's inbox.</summary>
    private sealed class ProbeActor(BlockingCollection<Envelope> inbox) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is WatchCommand command)
            {
                if (command.Watch)
                    Context.Watch(command.Actor);
                else
                    Context.Unwatch(command.Actor);
                command.Done.Set();
                return true;
            }
            inbox.Add(new Envelope(message, Sender));
            return true;
        }

        internal sealed record WatchCommand(IActorRef Actor, bool Watch, ManualResetEventSlim Done);
    }
}
