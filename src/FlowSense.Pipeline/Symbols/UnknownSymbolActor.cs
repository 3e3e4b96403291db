using FlowSense.Actors;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// Stands in for an entity id the catalog does not know: answers every query with <see cref="SymbolUnknown"/> and
/// acknowledges every delivery with all its events rejected, so a stray message never stalls a sender. It stops after
/// each answer, so ids nobody knows do not accumulate actors (the shard keeps only a small record of each).
/// </summary>
internal sealed class UnknownSymbolActor : ReceiveActor
{
    public UnknownSymbolActor(string entityId)
    {
        var unknown = new SymbolUnknown(entityId);
        Receive<SymbolEvents>(slice => Answer(slice.Acknowledge(new SliceTally(0, 0, slice.Count, 0, 0))));
        ReceiveAny(_ => Answer(unknown));
    }

    private void Answer(object reply)
    {
        Sender.Tell(reply, Self);
        Context.Stop(Self);
    }
}
