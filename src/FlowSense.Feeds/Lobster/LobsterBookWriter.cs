using System.Globalization;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Feeds.Lobster;

/// <summary>
/// Writes books in LOBSTER's orderbook-file format, one row per call: for each of <see cref="Levels"/> levels
/// "ask price, ask size, bid price, bid size" (prices in raw units, i.e. dollars × 10000 for a LOBSTER session), a side
/// with fewer levels padded with LOBSTER's dummy prices (<see cref="LobsterBookReader.EmptyAskPrice"/>,
/// <see cref="LobsterBookReader.EmptyBidPrice"/>) and size 0. Rows end with a line feed, as LOBSTER's files do, so
/// <see cref="LobsterBookReader"/> reads back exactly what was written.
/// </summary>
public sealed class LobsterBookWriter : IDisposable
{
    private readonly TextWriter _writer;
    private readonly Level[] _bids;
    private readonly Level[] _asks;
    private readonly char[] _line;

    /// <summary>Writes to <paramref name="writer"/> (disposed with this writer) with <paramref name="levels"/> levels per side.</summary>
    public LobsterBookWriter(TextWriter writer, int levels)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        _writer = writer;
        Levels = levels;
        _bids = new Level[levels];
        _asks = new Level[levels];
        _line = new char[levels * 4 * 21]; // 4 numbers per level, each at most 20 characters plus a separator
    }

    /// <summary>Creates (or replaces) the file at <paramref name="path"/>.</summary>
    public static LobsterBookWriter Create(string path, int levels) =>
        new(new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16), levels);

    /// <summary>Levels per side in every row.</summary>
    public int Levels { get; }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Writes the top <see cref="Levels"/> of <paramref name="book"/> as one row.</summary>
    public void Write(IBookView book)
    {
        ArgumentNullException.ThrowIfNull(book);
        int bids = book.TopLevels(Side.Bid, _bids);
        int asks = book.TopLevels(Side.Ask, _asks);
        Write(_bids.AsSpan(0, bids), _asks.AsSpan(0, asks));
    }

    /// <summary>Writes one row from levels best first; levels beyond <see cref="Levels"/> are ignored.</summary>
    public void Write(ReadOnlySpan<Level> bids, ReadOnlySpan<Level> asks)
    {
        Span<char> line = _line;
        int at = 0;
        for (int level = 0; level < Levels; level++)
        {
            bool hasAsk = level < asks.Length && !asks[level].IsEmpty;
            bool hasBid = level < bids.Length && !bids[level].IsEmpty;
            Append(line, ref at, hasAsk ? asks[level].Price : LobsterBookReader.EmptyAskPrice, level > 0);
            Append(line, ref at, hasAsk ? asks[level].Size : 0, true);
            Append(line, ref at, hasBid ? bids[level].Price : LobsterBookReader.EmptyBidPrice, true);
            Append(line, ref at, hasBid ? bids[level].Size : 0, true);
        }
        line[at++] = '\n';
        _writer.Write(line[..at]);
        Rows++;
    }

    private static void Append(Span<char> line, ref int at, long value, bool separator)
    {
        if (separator)
            line[at++] = ',';
        value.TryFormat(line[at..], out int written, default, CultureInfo.InvariantCulture);
        at += written;
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
