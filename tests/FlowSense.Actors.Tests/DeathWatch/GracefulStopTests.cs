using System.Collections.Concurrent;

namespace FlowSense.Actors.Tests.DeathWatch;

public sealed class GracefulStopTests : TestKit.TestKit
{
    /// <summary>Notes its PostStop once <c>gate</c> is open, and starts one such child of its own when asked.</summary>
    private sealed class Stopping : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _stopped;
        private readonly ManualResetEventSlim _gate;

        public Stopping(ConcurrentQueue<string> stopped, ManualResetEventSlim gate, bool withChild)
        {
            _stopped = stopped;
            _gate = gate;
            if (withChild)
                Context.ActorOf(Props.Create(() => new Stopping(stopped, gate, false)), "child");
            ReceiveAny(_ => { });
        }

        protected override void PostStop()
        {
            _gate.Wait(TimeSpan.FromSeconds(30));
            _stopped.Enqueue(Self.Path.Name);
        }
    }

    [Fact]
    public async Task It_completes_true_once_the_actor_and_its_children_have_stopped()
    {
        var stopped = new ConcurrentQueue<string>();
        using var open = new ManualResetEventSlim(true);
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Stopping(stopped, open, true)), "parent");

        Assert.True(await parent.GracefulStop(TimeSpan.FromSeconds(10)));

        Assert.Equal(["child", "parent"], stopped.ToArray()); // children first, and both before the task completed
    }

    [Fact]
    public async Task It_completes_false_when_the_timeout_passes_first_and_the_actor_goes_on_stopping()
    {
        var stopped = new ConcurrentQueue<string>();
        using var gate = new ManualResetEventSlim(false);
        IActorRef slow = Sys.ActorOf(Props.Create(() => new Stopping(stopped, gate, false)), "slow");

        Assert.False(await slow.GracefulStop(TimeSpan.FromMilliseconds(50))); // its PostStop waits for the gate
        Assert.Empty(stopped);

        gate.Set();
        Assert.True(await slow.GracefulStop(TimeSpan.FromSeconds(10)));
        Assert.Equal(["slow"], stopped.ToArray());
    }

    [Fact]
    public async Task Only_actors_of_this_system_can_be_stopped_gracefully() =>
        await Assert.ThrowsAsync<NotSupportedException>(() => ActorRefs.NoSender.GracefulStop(TimeSpan.FromSeconds(1)));
}
