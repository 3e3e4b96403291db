using System.Buffers;
using System.Buffers.Binary;
using FlowSense.Actors.Persistence.PersistentActors;
using FlowSense.Actors.Persistence.Serialization;
using FlowSense.Actors.Persistence.Snapshots;

namespace FlowSense.Actors.Persistence.Tests.PersistentActors;

/// <summary>A small persistent actor for the tests: it records trades and keeps a count and a notional.</summary>
internal sealed class TradeTapeActor(
    PersistenceServices services, string id, long epoch, TaskCompletionSource? stopped, SnapshotSelectionCriteria recoveryCriteria) : PersistentActor(services)
{
    /// <summary>Deletes the journal up to a sequence number; answers the DeleteMessages outcome.</summary>
    public sealed record DeleteUpTo(long SequenceNr);

    /// <summary>Deletes snapshots; answers the DeleteSnapshots outcome.</summary>
    public sealed record DropSnapshots(SnapshotSelectionCriteria Criteria);

    public sealed record RecordTrade(long Price, long Size);

    public sealed record RecordMany(int Count, long Price);

    public sealed record RecordThenDefer(long Price);

    public sealed record GetState;

    public sealed record TakeSnapshot;

    public sealed record TradeRecorded(long Price, long Size);

    public sealed record TapeState(long Count, long Notional);

    /// <param name="Recovery">What recovery handed to OnRecover, in order: "snapshot N", "event N", "completed N".</param>
    public sealed record Report(long Count, long Notional, long LastSequenceNr, long RecoveredFromSnapshotAt, int ReplayedEvents, IReadOnlyList<string> Log, IReadOnlyList<string> Recovery);

    private readonly List<string> _log = [];
    private readonly List<string> _recovery = [];
    private TapeState _state = new(0, 0);
    private long _recoveredFromSnapshotAt = -1;
    private int _replayed;
    private IActorRef? _snapshotRequester;
    private IActorRef? _deleteRequester;

    public override string PersistenceId => id;

    protected override long Epoch => epoch;

    protected override SnapshotSelectionCriteria RecoveryCriteria => recoveryCriteria;

    public static EventSerializerRegistry Serializers() => new EventSerializerRegistry()
        .Register(new TradeRecordedSerializer())
        .Register(new TapeStateSerializer());

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: TapeState state } offer:
                _state = state;
                _recoveredFromSnapshotAt = offer.Metadata.SequenceNr;
                _recovery.Add($"snapshot {offer.Metadata.SequenceNr}");
                break;
            case TradeRecorded e:
                Apply(e);
                _replayed++;
                _recovery.Add($"event {LastSequenceNr}");
                break;
            case RecoveryCompleted:
                _recovery.Add($"completed {LastSequenceNr}");
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        IActorRef sender = Sender;
        switch (message)
        {
            case RecordTrade r:
                Persist(new TradeRecorded(r.Price, r.Size), e =>
                {
                    Apply(e);
                    sender.Tell(_state.Count, Self);
                });
                break;
            case RecordMany many:
                PersistAll(Enumerable.Range(0, many.Count).Select(i => new TradeRecorded(many.Price + i, 1)), Apply);
                DeferAsync(many, _ => sender.Tell(_state.Count, Self));
                break;
            case RecordThenDefer r:
                PersistAsync(new TradeRecorded(r.Price, 1), e => { Apply(e); _log.Add($"event {e.Price}"); });
                PersistAsync(new TradeRecorded(r.Price + 1, 1), e => { Apply(e); _log.Add($"event {e.Price}"); });
                DeferAsync("done", d => { _log.Add(d); sender.Tell(_log.ToArray(), Self); });
                break;
            case GetState:
                sender.Tell(new Report(_state.Count, _state.Notional, LastSequenceNr, _recoveredFromSnapshotAt, _replayed, [.. _log], [.. _recovery]), Self);
                break;
            case TakeSnapshot:
                _snapshotRequester = sender;
                SaveSnapshot(_state);
                break;
            case SaveSnapshotSuccess success:
                _snapshotRequester?.Tell(success.Metadata.SequenceNr, Self);
                break;
            case DeleteUpTo delete:
                _deleteRequester = sender;
                DeleteMessages(delete.SequenceNr);
                break;
            case DropSnapshots drop:
                _deleteRequester = sender;
                DeleteSnapshots(drop.Criteria);
                break;
            case DeleteMessagesSuccess or DeleteMessagesFailure or DeleteSnapshotsSuccess or DeleteSnapshotsFailure:
                _deleteRequester?.Tell(message, Self);
                break;
        }
    }

    protected override void PostStop() => stopped?.TrySetResult();

    private void Apply(TradeRecorded e) => _state = new TapeState(_state.Count + 1, _state.Notional + (e.Price * e.Size));

    private sealed class TradeRecordedSerializer : IEventSerializer<TradeRecorded>
    {
        public string Manifest => "trade-recorded.v1";

        public void Write(TradeRecorded value, IBufferWriter<byte> output) => WritePair(output, value.Price, value.Size);

        public TradeRecorded Read(ReadOnlySpan<byte> payload) => new(BinaryPrimitives.ReadInt64LittleEndian(payload), BinaryPrimitives.ReadInt64LittleEndian(payload[8..]));
    }

    private sealed class TapeStateSerializer : IEventSerializer<TapeState>
    {
        public string Manifest => "tape-state.v1";

        public void Write(TapeState value, IBufferWriter<byte> output) => WritePair(output, value.Count, value.Notional);

        public TapeState Read(ReadOnlySpan<byte> payload) => new(BinaryPrimitives.ReadInt64LittleEndian(payload), BinaryPrimitives.ReadInt64LittleEndian(payload[8..]));
    }

    private static void WritePair(IBufferWriter<byte> output, long a, long b)
    {
        Span<byte> span = output.GetSpan(16);
        BinaryPrimitives.WriteInt64LittleEndian(span, a);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], b);
        output.Advance(16);
    }
}
