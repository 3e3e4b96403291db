namespace FlowSense.Actors.Benchmarks.Memory;

/// <summary>The one message an idle actor ever gets (to measure a mailbox that has been used once).</summary>
internal sealed class Touch
{
    public static Touch Instance { get; } = new();
}

/// <summary>An actor that does nothing but say it started and that it was touched.</summary>
internal sealed class IdleUntypedActor(CountdownEvent arrivals) : UntypedActor
{
    protected override void PreStart() => arrivals.Signal();

    protected override void OnReceive(object message) => arrivals.Signal();
}

/// <summary>The same with one typed handler, so that the handler table's per-instance cost shows.</summary>
internal sealed class IdleReceiveActor : ReceiveActor
{
    private readonly CountdownEvent _arrivals;

    public IdleReceiveActor(CountdownEvent arrivals)
    {
        _arrivals = arrivals;
        Receive<Touch>(_ => _arrivals.Signal());
    }

    protected override void PreStart() => _arrivals.Signal();
}
