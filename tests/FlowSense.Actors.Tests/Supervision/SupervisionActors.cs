namespace FlowSense.Actors.Tests.Supervision;

/// <summary>Makes a <see cref="Worker"/> throw <see cref="Cause"/>.</summary>
internal sealed record Fail(Exception Cause);

/// <summary>Asks a <see cref="Parent"/> to start a child; it replies with the child's reference.</summary>
internal sealed record StartChild(Props Props, string Name);

/// <summary>A stateful child that reports its lifecycle to a probe: "start a", "prerestart a", "stop a", "postrestart a".</summary>
internal sealed class Worker : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly string _name;
    private int _count;

    public Worker(IActorRef probe, string name)
    {
        _probe = probe;
        _name = name;
        Receive<Fail>(f => throw f.Cause);
        Receive<string>(_ => _count++, s => s == "inc");
        Receive<string>(_ => Sender.Tell(_count, Self), s => s == "get");
        Receive<StartChild>(s => Sender.Tell(Context.ActorOf(s.Props, s.Name), Self));
    }

    public static Props For(IActorRef probe, string name) => Props.Create(() => new Worker(probe, name));

    protected override void PreStart() => _probe.Tell("start " + _name, Self);

    protected override void PostStop() => _probe.Tell("stop " + _name, Self);

    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell("prerestart " + _name, Self);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell("postrestart " + _name, Self);
        base.PostRestart(reason);
    }
}

/// <summary>A supervisor whose strategy comes from its Props; starts children on request.</summary>
internal sealed class Parent : ReceiveActor
{
    public Parent()
    {
        Receive<StartChild>(s => Sender.Tell(Context.ActorOf(s.Props, s.Name), Self));
    }

    public static Props With(SupervisorStrategy strategy) => Props.Create(() => new Parent()).WithSupervisorStrategy(strategy);
}
