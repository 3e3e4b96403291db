using System.Buffers;
using System.Buffers.Binary;
using FlowSense.Actors.Persistence.PersistentActors;
using FlowSense.Actors.Persistence.Serialization;

namespace FlowSense.Actors.Persistence.PostgreSql.Tests.PersistentActors;

/// <summary>
/// A persistent actor that persists each tick it is told and answers only after the commit (<see cref="Acked"/>), or
/// passes on the journal's verdict when the persist fails or is rejected (after which, as the API promises, it stops).
/// </summary>
internal sealed class TickerActor(PersistenceServices services, string id, long epoch) : PersistentActor(services)
{
    public sealed record Tick(long Value);

    public sealed record Ticked(long Value);

    public sealed record Acked(long Value);

    public sealed record PersistFailed(Exception Cause);

    public sealed record PersistRejected(Exception Cause);

    public sealed record GetHistory;

    private readonly List<long> _history = [];
    private IActorRef _asker = ActorRefs.NoSender;

    public override string PersistenceId => id;

    protected override long Epoch => epoch;

    public static EventSerializerRegistry Serializers() => new EventSerializerRegistry().Register(new TickedSerializer());

    protected override void OnRecover(object message)
    {
        if (message is Ticked ticked)
            _history.Add(ticked.Value);
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case Tick tick:
                IActorRef asker = _asker = Sender; // Persist stashes later commands, so this is the asker until the handler runs
                Persist(new Ticked(tick.Value), e =>
                {
                    _history.Add(e.Value);
                    asker.Tell(new Acked(e.Value), Self);
                });
                break;
            case GetHistory:
                Sender.Tell(_history.ToArray(), Self);
                break;
        }
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistFailure(cause, @event, sequenceNr);
        _asker.Tell(new PersistFailed(cause), Self);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        _asker.Tell(new PersistRejected(cause), Self);
    }

    private sealed class TickedSerializer : IEventSerializer<Ticked>
    {
        public string Manifest => "ticked.v1";

        public void Write(Ticked value, IBufferWriter<byte> output)
        {
            BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value.Value);
            output.Advance(8);
        }

        public Ticked Read(ReadOnlySpan<byte> payload) => new(BinaryPrimitives.ReadInt64LittleEndian(payload));
    }
}
