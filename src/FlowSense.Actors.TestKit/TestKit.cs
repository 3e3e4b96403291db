using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FlowSense.Actors.TestKit;

/// <summary>
/// The base class of actor tests (xunit creates one instance per test, so every test gets its own
/// <see cref="Sys"/>, terminated in <see cref="Dispose()"/>). Expectations on <see cref="TestActor"/> are
/// available directly (<c>ExpectMsg</c>, <c>ExpectNoMsg</c>…).
/// </summary>
public abstract class TestKit : IDisposable
{
    private static long s_probes;
    private readonly VirtualTime? _time;
    private bool _disposed;

    /// <summary>Creates the test's actor system.</summary>
    /// <param name="options">System settings; null for the defaults.</param>
    /// <param name="virtualTime">True to run the scheduler, timeouts and backoff on <see cref="Time"/>.</param>
    /// <param name="defaultTimeout">How long expectations wait by default (5 s when null: generous for shared CI cores).</param>
    protected TestKit(ActorSystemOptions? options = null, bool virtualTime = false, TimeSpan? defaultTimeout = null)
    {
        DefaultTimeout = defaultTimeout ?? TimeSpan.FromSeconds(5);
        Logs = new LogRecorder();
        _time = virtualTime ? new VirtualTime() : null;
        Sys = ActorSystem.Create(GetType().Name, options, Logs, _time);
        TestActor = CreateTestProbe("testActor");
    }

    /// <summary>The test's actor system.</summary>
    protected ActorSystem Sys { get; }

    /// <summary>The default probe; the Expect methods of this class read from it.</summary>
    protected TestProbe TestActor { get; }

    /// <summary>Every log entry of the system.</summary>
    protected LogRecorder Logs { get; }

    /// <summary>How long expectations wait by default.</summary>
    protected TimeSpan DefaultTimeout { get; }

    /// <summary>The virtual clock.</summary>
    /// <exception cref="InvalidOperationException">The test did not ask for virtual time.</exception>
    protected VirtualTime Time => _time ?? throw new InvalidOperationException("Pass virtualTime: true to the TestKit constructor.");

    /// <summary>Creates another probe.</summary>
    protected TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, name ?? "probe-" + Interlocked.Increment(ref s_probes).ToString(System.Globalization.CultureInfo.InvariantCulture), DefaultTimeout);

    /// <summary>Starts an actor on the calling thread, with synchronous access to its instance.</summary>
    protected TestActorRef<TActor> ActorOfAsTestActorRef<TActor>(Props props, string? name = null) where TActor : ActorBase =>
        new(Sys.ActorOf(props.WithDispatcher(Dispatchers.CallingThreadId), name));

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(Func{T, bool}?, TimeSpan?)"/>
    protected T ExpectMsg<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null) => TestActor.ExpectMsg(predicate, timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(T, TimeSpan?)"/>
    protected T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull => TestActor.ExpectMsg(expected, timeout);

    /// <inheritdoc cref="TestProbe.ExpectNoMsg"/>
    protected void ExpectNoMsg(TimeSpan duration) => TestActor.ExpectNoMsg(duration);

    /// <inheritdoc cref="TestProbe.ExpectTerminated"/>
    protected Terminated ExpectTerminated(IActorRef actor, TimeSpan? timeout = null) => TestActor.ExpectTerminated(actor, timeout);

    /// <inheritdoc cref="TestProbe.FishForMessage{T}"/>
    protected T FishForMessage<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null) => TestActor.FishForMessage(predicate, timeout);

    /// <inheritdoc cref="TestProbe.ReceiveWhile{T}"/>
    protected IReadOnlyList<T> ReceiveWhile<T>(Func<object, T?> filter, TimeSpan? max = null, TimeSpan? idle = null, int maxMessages = int.MaxValue)
        where T : class => TestActor.ReceiveWhile(filter, max, idle, maxMessages);

    /// <inheritdoc cref="TestProbe.Watch"/>
    protected IActorRef Watch(IActorRef actor) => TestActor.Watch(actor);

    /// <summary>
    /// Runs <paramref name="action"/> and checks it took between <paramref name="min"/> and <paramref name="max"/>
    /// (wall clock). Expectations inside wait at most until <paramref name="max"/>.
    /// </summary>
    protected static void Within(TimeSpan min, TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        DateTime? outer = WithinScope.Enter(max);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            action();
        }
        finally
        {
            WithinScope.Exit(outer);
        }
        TimeSpan took = stopwatch.Elapsed;
        if (took < min || took > max)
            throw new TestKitAssertionException($"The block took {took.TotalMilliseconds:0} ms, outside [{min.TotalMilliseconds:0}, {max.TotalMilliseconds:0}] ms.");
    }

    /// <summary>Retries <paramref name="assertion"/> until it stops throwing, or rethrows its last failure after <paramref name="duration"/>.</summary>
    protected void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        TimeSpan limit = WithinScope.Remaining(duration ?? DefaultTimeout);
        TimeSpan pause = interval ?? TimeSpan.FromMilliseconds(10);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (stopwatch.Elapsed < limit)
            {
                Thread.Sleep(pause);
            }
        }
    }

    /// <summary>Expects exactly <paramref name="count"/> dead letters carrying a <typeparamref name="T"/> while <paramref name="block"/> runs.</summary>
    protected void ExpectDeadLetters<T>(int count, Action block, TimeSpan? timeout = null) =>
        EventExpectation.Expect($"dead letters of {typeof(T).Name}", count, timeout ?? DefaultTimeout,
            onMatch => Sys.EventStream.Subscribe<DeadLetter>(d =>
            {
                if (d.Message is T)
                    onMatch();
            }),
            block);

    /// <summary>Expects exactly <paramref name="count"/> log entries at <paramref name="level"/> whose message contains <paramref name="contains"/>.</summary>
    protected void ExpectLog(LogLevel level, string contains, int count, Action block, TimeSpan? timeout = null) =>
        EventExpectation.Expect($"{level} log entries containing '{contains}'", count, timeout ?? DefaultTimeout,
            onMatch => Logs.Listen(e =>
            {
                if (e.Level == level && e.Message.Contains(contains, StringComparison.Ordinal))
                    onMatch();
            }),
            block);

    /// <summary>Terminates the test's system.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the test's system.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
            return;
        _disposed = true;
        Sys.Dispose();
    }
}
