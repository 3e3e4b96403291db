using FlowSense.Feeds.Venues;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Cli.Replay;

/// <summary>
/// The top-of-book CSV of <c>replay capture</c>: <c>update_id,bid_price,bid_size,ask_price,ask_size</c>, values as the
/// venue's decimal text (an empty side gives empty cells). With more than one symbol in play a leading <c>symbol</c>
/// column says whose book each row is.
/// </summary>
internal sealed class TopOfBookCsv : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly bool _withSymbol;

    public TopOfBookCsv(string path, bool withSymbol)
    {
        _writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        _withSymbol = withSymbol;
        _writer.Write(withSymbol ? "symbol,update_id,bid_price,bid_size,ask_price,ask_size\n" : "update_id,bid_price,bid_size,ask_price,ask_size\n");
    }

    public long Rows { get; private set; }

    public void Write(string symbol, long updateId, Level bid, Level ask, DisplayScale stored, DisplayScale printed)
    {
        if (_withSymbol)
        {
            _writer.Write(symbol);
            _writer.Write(',');
        }
        _writer.Write(updateId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WriteLevel(bid, stored, printed);
        WriteLevel(ask, stored, printed);
        _writer.Write('\n');
        Rows++;
    }

    private void WriteLevel(Level level, DisplayScale stored, DisplayScale printed)
    {
        _writer.Write(',');
        if (!level.IsEmpty)
            _writer.Write(DecimalText.Format(level.Price, stored.PriceDecimals, printed.PriceDecimals));
        _writer.Write(',');
        if (!level.IsEmpty)
            _writer.Write(DecimalText.Format(level.Size, stored.SizeDecimals, printed.SizeDecimals));
    }

    public void Dispose() => _writer.Dispose();
}
