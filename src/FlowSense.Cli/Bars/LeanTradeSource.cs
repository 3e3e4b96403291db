using System.IO.Compression;
using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Lean;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Cli.Bars;

/// <summary>LEAN tick trades (a <c>yyyyMMdd_trade.zip</c> or the CSV inside it), classified by their sale conditions.</summary>
internal sealed class LeanTradeSource(string path, string? symbol, SaleConditionFilter filter) : TradeSource
{
    private readonly LeanReadReport _report = new();
    private long _suspicious;

    public override long Length => 0; // rows inside a zip: unknown until read

    public override long Rejected => _report.MalformedCount;

    public override void Run(TradeHandler onTrade, Action<long> progress)
    {
        var instrument = new Instrument(new InstrumentId("USA", symbol ?? SymbolOf(path)), LeanDataReader.PriceDecimals, TickSize: 100, SizeDecimals: 0);
        DateOnly date = LeanDataReader.DateFromFileName(path);
        foreach (LeanTradeTick tick in LeanDataReader.ReadTradeTicks(path, instrument.Id, _report, date))
        {
            if (tick.Suspicious)
                _suspicious++;
            onTrade(instrument, tick.Trade, tick.Eligibility(filter));
        }
    }

    public override IEnumerable<(string Name, string Value)> Report()
    {
        yield return ("tick rows", Format.N(_report.Rows));
        yield return ("suspicious ticks (left out)", Format.N(_suspicious));
        yield return ("malformed rows", Format.N(_report.MalformedCount));
    }

    /// <summary>LEAN names the CSV <c>yyyyMMdd_symbol_Trade_Tick.csv</c>; in a zip, the entry carries it.</summary>
    private static string SymbolOf(string path)
    {
        string name = Path.GetFileName(path);
        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            name = zip.Entries.FirstOrDefault(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))?.Name ?? name;
        }
        string[] parts = name.Split('_');
        if (parts.Length >= 3)
            return parts[1].ToUpperInvariant();
        throw new UserError($"The symbol is not in the name {name}.", "Pass it with --symbol (LEAN names tick files yyyyMMdd_symbol_Trade_Tick.csv).", ExitCodes.Usage);
    }
}
