using System.IO.Compression;
using FlowSense.Feeds.Lean;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Replay;

/// <summary>
/// A day of LEAN ticks, its trade zip and quote zip merged by exchange time, one tick per call. On equal times the
/// quote goes first: a print is usually a reaction to the quote standing at that millisecond, not the reverse.
/// Progress counts rows, because <see cref="LeanDataReader"/> opens the zips itself; the row total comes from a
/// counting pass over the two zips when the replay starts. Quotes are completed by <see cref="LeanQuoteSides"/>:
/// a side a row does not update keeps its previous value, as in LEAN.
/// </summary>
internal sealed class LeanReplayReader : IReplayReader
{
    private readonly IEnumerator<LeanTradeTick> _trades;
    private readonly IEnumerator<LeanQuoteTick> _quotes;
    private readonly LeanReadReport _tradeReport = new();
    private readonly LeanReadReport _quoteReport = new();
    private readonly IMarketEventSink _sink;
    private readonly LeanQuoteSides _sides = new();
    private bool _hasTrade, _hasQuote;

    public LeanReplayReader(string tradeZip, string quoteZip, InstrumentId instrument, IMarketEventSink sink)
    {
        Length = CountRows(tradeZip) + CountRows(quoteZip);
        _trades = LeanDataReader.ReadTradeTicks(tradeZip, instrument, _tradeReport).GetEnumerator();
        _quotes = LeanDataReader.ReadQuoteTicks(quoteZip, instrument, _quoteReport).GetEnumerator();
        _hasTrade = _trades.MoveNext();
        _hasQuote = _quotes.MoveNext();
        _sink = sink;
    }

    public ReplayUnit Unit => ReplayUnit.Rows;

    /// <summary>Rows read, less the two already read ahead for the merge (each only once it has been emitted).</summary>
    public long Position => _tradeReport.Rows + _quoteReport.Rows - (_hasTrade ? 1 : 0) - (_hasQuote ? 1 : 0);

    public long Length { get; }

    public long Rejected => _tradeReport.MalformedCount + _quoteReport.MalformedCount;

    public bool ReadUnit()
    {
        if (_hasQuote && (!_hasTrade || _quotes.Current.Quote.Header.ExchangeTimeNs <= _trades.Current.Trade.Header.ExchangeTimeNs))
        {
            _sink.OnQuote(_sides.Complete(_quotes.Current.Quote));
            _hasQuote = _quotes.MoveNext();
            return true;
        }
        if (_hasTrade)
        {
            _sink.OnTrade(_trades.Current.Trade);
            _hasTrade = _trades.MoveNext();
            return true;
        }
        return false;
    }

    public void Dispose()
    {
        _trades.Dispose();
        _quotes.Dispose();
    }

    /// <summary>Non-blank lines of the zip's CSV: the rows <see cref="LeanReadReport.Rows"/> will count.</summary>
    private static long CountRows(string zipPath)
    {
        using ZipArchive zip = ZipFile.OpenRead(zipPath);
        ZipArchiveEntry? entry = zip.Entries.FirstOrDefault(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
        if (entry is null)
            return 0;
        using var reader = new StreamReader(entry.Open());
        long rows = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length != 0)
                rows++;
        }
        return rows;
    }
}
