using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Cli.Bars;

/// <summary>Receives the trades of a source in file order, with the instrument facts that give their raw units meaning.</summary>
internal delegate void TradeHandler(Instrument instrument, in Trade trade, TradeEligibility eligibility);

/// <summary>
/// A recorded file read as a trade tape, whatever its format: LEAN tick trades, ITCH executions and hidden trades,
/// LOBSTER executions, or an exchange capture's trades. Each source reports what it refused.
/// </summary>
internal abstract class TradeSource
{
    /// <summary>Bytes (or rows) in the input, for progress; 0 when unknown.</summary>
    public abstract long Length { get; }

    /// <summary>Reads every trade, reporting progress in the unit of <see cref="Length"/>.</summary>
    public abstract void Run(TradeHandler onTrade, Action<long> progress);

    /// <summary>Inputs refused (malformed rows, rejected messages).</summary>
    public abstract long Rejected { get; }

    /// <summary>What the source read, for the summary.</summary>
    public abstract IEnumerable<(string Name, string Value)> Report();
}
