using FlowSense.Actors;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// Stands in for an entity id the catalog does not know: answers every query with <see cref="SymbolUnknown"/> and
/// acknowledges every delivery with all its events rejected, so a stray message never stalls a sender. It stays (a
/// stopping actor would send the next message for the id to dead letters); hosts should check the
/// <see cref="SymbolDirectory"/> before querying ids from outside, and passivation (when configured) reclaims the rest.
/// </summary>
internal sealed class UnknownSymbolActor : ReceiveActor
{
    public UnknownSymbolActor(string entityId)
    {
        var unknown = new SymbolUnknown(entityId);
        Receive<SymbolEvents>(slice => Sender.Tell(slice.Acknowledge(new SliceTally(0, 0, slice.Count, 0, 0)), Self));
        ReceiveAny(_ => Sender.Tell(unknown, Self));
    }
}
