using FlowSense.MarketData.OrderBook;

namespace FlowSense.Feeds.Lobster;

/// <summary>
/// Reads a LOBSTER orderbook file (<c>TICKER_Date_Start_End_orderbook_LEVEL.csv</c>): one row per message, the book
/// after that message. Works for any number of levels: the first well-formed row's column count (4 per level) fixes
/// it, and later rows with another count are malformed. Rows are exposed as spans over reused arrays (valid until the
/// next read), so reading allocates nothing per row.
/// </summary>
/// <remarks>
/// Format reference: LOBSTER, https://lobsterdata.com/info/DataStructure.php — columns repeat per level
/// "ask price, ask size, bid price, bid size" (prices in dollars × 10000). A side with fewer levels than requested is
/// padded with dummy prices, -9999999999 on the bid side and 9999999999 on the ask side, with size 0. Those, and any
/// level of size 0, are empty: <see cref="Bids"/> and <see cref="Asks"/> hold only the real levels, best first.
/// </remarks>
public sealed class LobsterBookReader : IDisposable
{
    /// <summary>LOBSTER's price for an empty bid level.</summary>
    public const long EmptyBidPrice = -9_999_999_999;

    /// <summary>LOBSTER's price for an empty ask level.</summary>
    public const long EmptyAskPrice = 9_999_999_999;

    private readonly LineReader _lines;
    private Level[] _bids = [];
    private Level[] _asks = [];
    private int _bidCount;
    private int _askCount;

    /// <summary>Reads from <paramref name="stream"/>; disposes it with the reader unless <paramref name="leaveOpen"/>.</summary>
    public LobsterBookReader(Stream stream, bool leaveOpen = false) => _lines = new LineReader(stream, leaveOpen);

    /// <summary>Opens an orderbook file.</summary>
    public static LobsterBookReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));

    /// <summary>Levels per side in the file (0 until the first well-formed row).</summary>
    public int Levels { get; private set; }

    /// <summary>The line number of the current row.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The current row's real bid levels, best first.</summary>
    public ReadOnlySpan<Level> Bids => _bids.AsSpan(0, _bidCount);

    /// <summary>The current row's real ask levels, best first.</summary>
    public ReadOnlySpan<Level> Asks => _asks.AsSpan(0, _askCount);

    /// <summary>Rows that were skipped, with their line numbers.</summary>
    public MalformedRows Malformed { get; } = new();

    /// <summary>Moves to the next well-formed row; false at the end of the file.</summary>
    public bool TryRead()
    {
        while (_lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            string? problem = Parse(line);
            if (problem is null)
            {
                LineNumber = _lines.LineNumber;
                return true;
            }
            Malformed.Add(_lines.LineNumber, problem);
        }
        _bidCount = _askCount = 0;
        return false;
    }

    private string? Parse(ReadOnlySpan<byte> line)
    {
        int columns = CsvFields.Count(line);
        if (Levels == 0)
        {
            if (line.IsEmpty || columns % 4 != 0)
                return $"expected a multiple of 4 columns, found {columns}";
            Levels = columns / 4;
            _bids = new Level[Levels];
            _asks = new Level[Levels];
        }
        else if (columns != Levels * 4)
        {
            return line.IsEmpty ? "empty row" : $"expected {Levels * 4} columns, found {columns}";
        }

        var fields = new CsvFields(line);
        int bids = 0, asks = 0;
        for (int level = 0; level < Levels; level++)
        {
            if (!fields.TryNextLong(out long askPrice) || !fields.TryNextLong(out long askSize)
                || !fields.TryNextLong(out long bidPrice) || !fields.TryNextLong(out long bidSize))
                return $"level {level + 1} holds a value that is not an integer";
            if (askSize < 0 || bidSize < 0)
                return $"level {level + 1} has a negative size";
            if (askSize > 0 && askPrice != EmptyAskPrice)
                _asks[asks++] = new Level(askPrice, askSize, 0);
            if (bidSize > 0 && bidPrice != EmptyBidPrice)
                _bids[bids++] = new Level(bidPrice, bidSize, 0);
        }
        _bidCount = bids;
        _askCount = asks;
        return null;
    }

    /// <inheritdoc />
    public void Dispose() => _lines.Dispose();
}
