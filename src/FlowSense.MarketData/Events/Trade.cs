namespace FlowSense.MarketData.Events;

/// <summary>A print on the tape. Price and size are fixed-point raw units of the instrument.</summary>
/// <param name="Conditions">Venue sale-condition flags (for US equities the LEAN/CTA hex flags); 0 when the feed has none.</param>
public readonly record struct Trade(EventHeader Header, long Price, long Size, Aggressor Aggressor, uint Conditions = 0, string? TradeId = null);
