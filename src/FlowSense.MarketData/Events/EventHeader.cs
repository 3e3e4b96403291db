using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.Events;

/// <summary>
/// What every market event carries: where it came from, when the exchange stamped it, when we received it,
/// and the venue's sequence number (0 where the venue has none).
/// </summary>
/// <param name="Instrument">Venue and symbol.</param>
/// <param name="ExchangeTimeNs">Exchange timestamp, nanoseconds since the Unix epoch (UTC).</param>
/// <param name="ReceiveTimeNs">Local receive timestamp, nanoseconds since the Unix epoch (UTC).</param>
/// <param name="Sequence">The venue's sequence or update id for this event.</param>
public readonly record struct EventHeader(InstrumentId Instrument, long ExchangeTimeNs, long ReceiveTimeNs, long Sequence);
