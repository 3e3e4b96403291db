using FlowSense.Actors;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// Stands in for an entity id the catalog does not know: answers every query with <see cref="SymbolUnknown"/> and
/// acknowledges every delivery with all its events rejected, so a stray message never stalls a sender.
/// </summary>
internal sealed class UnknownSymbolActor : ReceiveActor
{
    public UnknownSymbolActor(string entityId)
    {
        var unknown = new SymbolUnknown(entityId);
        Receive<SymbolEvents>(slice => Sender.Tell(new SymbolEventsAck(slice, 0, 0, slice.Count, 0, 0), Self));
        ReceiveAny(_ => Sender.Tell(unknown, Self));
    }
}
