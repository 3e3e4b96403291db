using System.Diagnostics;
using FlowSense.Actors.Benchmarks.Harness;

namespace FlowSense.Actors.Benchmarks.PingPong;

/// <summary>
/// One PingPong measurement in the shape of Akka.NET's PingPong program: a fresh system whose default dispatcher
/// has the given throughput, <c>pairs</c> client/destination pairs, each client keeping <see cref="InFlight"/>
/// copies of one message object in flight until it has sent and received its share. Messages are counted in both
/// directions. Mailboxes are the system default: bounded, back-pressure policy.
/// </summary>
internal static class PingPongRun
{
    /// <summary>Messages each client keeps in flight.</summary>
    public const int InFlight = 1000;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    public static async Task<PingPongResult> Measure(ClientKind kind, int throughput, long messages, int pairs)
    {
        var options = new ActorSystemOptions { DefaultDispatcher = { Throughput = throughput } };
        await using ActorSystem system = ActorSystem.Create("pingpong", options);
        long repeatPerClient = messages / 2 / pairs;

        var clients = new IActorRef[pairs];
        var done = new Task[pairs];
        var everyone = new List<IActorRef>();
        for (int i = 0; i < pairs; i++)
        {
            IActorRef destination = system.ActorOf(Props.Create<Destination>(), $"destination-{i}");
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            clients[i] = system.ActorOf(ClientProps(kind, destination, repeatPerClient, finished), $"client-{i}");
            done[i] = finished.Task;
            everyone.Add(destination);
            everyone.Add(clients[i]);
        }
        await Task.WhenAll(everyone.Select(a => a.Ask<Started>(Started.Instance, StartTimeout)));

        CostWindow cost = CostWindow.Open();
        long start = Stopwatch.GetTimestamp();
        foreach (IActorRef client in clients)
            client.Tell(Serve.Instance, null);
        await Task.WhenAll(done).WaitAsync(RunTimeout);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        Cost spent = cost.Close();

        long counted = repeatPerClient * 2 * pairs;
        long overCapacity = system.Hierarchy().DescendantsAndSelf().Sum(n => n.OverCapacityCount);
        return new PingPongResult(kind, throughput, counted, elapsed, spent, overCapacity);
    }

    private static Props ClientProps(ClientKind kind, IActorRef destination, long repeat, TaskCompletionSource done) => kind switch
    {
        ClientKind.ActorBase => Props.Create(() => new ActorBaseClient(destination, repeat, done)),
        ClientKind.ReceiveActor => Props.Create(() => new ReceiveActorClient(destination, repeat, done)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>The outcome of one <see cref="PingPongRun"/>.</summary>
/// <param name="OverCapacity">Tells accepted beyond a mailbox's capacity (0 means the bounds were never exceeded).</param>
internal sealed record PingPongResult(ClientKind Kind, int Throughput, long Messages, TimeSpan Elapsed, Cost Cost, long OverCapacity)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    public double MessagesPerCpuSecond => Cost.PerCpuSecond(Messages);
}
