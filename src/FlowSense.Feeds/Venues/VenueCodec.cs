using System.Text.Json;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Venues;

/// <summary>
/// What every JSON venue codec shares: the sink, the quarantine, the symbol cache, the decode accounting, and the guard
/// that turns a <see cref="JsonException"/> from malformed input into a counted, quarantined rejection, so no bad input
/// ever escapes a codec. Subclasses decode one message in <see cref="DecodeMessage"/> and say why they refuse one.
/// </summary>
public abstract class VenueCodec(string venue, IMarketEventSink sink, Quarantine.Quarantine quarantine, string source) : IVenueCodec
{
    /// <summary>Decodes one input; on refusal, sets <paramref name="reason"/> and returns <see cref="DecodeResult.Rejected"/>.</summary>
    protected delegate DecodeResult InputDecoder<TState>(TState state, ReadOnlySpan<byte> input, ref RejectReason reason);

    public DecodeStats Stats { get; } = new();

    protected IMarketEventSink Sink { get; } = sink;

    protected InstrumentCache Instruments { get; } = new(venue);

    public DecodeResult Decode(ReadOnlySpan<byte> message, long receiveTimeNs, long position) =>
        Guarded((this, receiveTimeNs), message, position, static (s, m, ref r) => s.Item1.DecodeMessage(m, s.receiveTimeNs, ref r));

    /// <summary>Decodes one websocket message received at <paramref name="receiveTimeNs"/>.</summary>
    protected abstract DecodeResult DecodeMessage(ReadOnlySpan<byte> message, long receiveTimeNs, ref RejectReason reason);

    /// <summary>Runs <paramref name="decode"/> on <paramref name="input"/> and accounts for the outcome (malformed JSON included).</summary>
    protected DecodeResult Guarded<TState>(TState state, ReadOnlySpan<byte> input, long position, InputDecoder<TState> decode)
    {
        DecodeResult result;
        RejectReason reason = RejectReason.InvalidJson;
        try
        {
            result = decode(state, input, ref reason);
        }
        catch (JsonException)
        {
            result = DecodeResult.Rejected;
            reason = RejectReason.InvalidJson;
        }
        return Stats.Record(result, reason, quarantine, source, position, input);
    }
}
