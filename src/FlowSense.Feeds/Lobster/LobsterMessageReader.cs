using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Lobster;

/// <summary>
/// Reads a LOBSTER message file (<c>TICKER_Date_Start_End_message_LEVEL.csv</c>) row by row, parsing the bytes
/// directly. Rows that cannot be decoded are skipped and recorded in <see cref="Malformed"/>, never thrown.
/// </summary>
/// <remarks>
/// Format reference: LOBSTER, "Output structure / data structure", https://lobsterdata.com/info/DataStructure.php
/// (and the LOBSTER_SampleFiles_ReadMe.txt of 01 Sept 2013 shipped with the sample files). Six columns:
/// time (seconds after midnight, up to nanosecond decimals), event type 1–7, order id, size (shares),
/// price (dollars × 10000), direction (-1 sell limit order, 1 buy limit order). Type 7 rows carry the halt
/// indicator in the price column (-1, 0, 1); type 6 rows may carry direction 0, which is accepted for them.
/// </remarks>
public sealed class LobsterMessageReader : IDisposable
{
    private const int Columns = 6;
    private readonly LineReader _lines;

    /// <summary>Reads from <paramref name="stream"/>; disposes it with the reader unless <paramref name="leaveOpen"/>.</summary>
    public LobsterMessageReader(Stream stream, bool leaveOpen = false) => _lines = new LineReader(stream, leaveOpen);

    /// <summary>Opens a message file.</summary>
    public static LobsterMessageReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));

    /// <summary>Rows that were skipped, with their line numbers.</summary>
    public MalformedRows Malformed { get; } = new();

    /// <summary>Reads the next well-formed row; false at the end of the file.</summary>
    public bool TryRead(out LobsterMessage message)
    {
        while (_lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            string? problem = TryParse(line, _lines.LineNumber, out message);
            if (problem is null)
                return true;
            Malformed.Add(_lines.LineNumber, problem);
        }
        message = default;
        return false;
    }

    /// <summary>Reads every remaining well-formed row into a list (for tests and pre-parsed replays).</summary>
    public List<LobsterMessage> ReadAll()
    {
        var messages = new List<LobsterMessage>();
        while (TryRead(out LobsterMessage message))
            messages.Add(message);
        return messages;
    }

    /// <summary>Decodes one row; returns null on success, else why the row is malformed.</summary>
    internal static string? TryParse(ReadOnlySpan<byte> line, long lineNumber, out LobsterMessage message)
    {
        message = default;
        if (CsvFields.Count(line) != Columns)
            return line.IsEmpty ? "empty row" : $"expected {Columns} columns, found {CsvFields.Count(line)}";
        var fields = new CsvFields(line);
        if (!fields.TryNextSecondsAsNanoseconds(out long timeNs))
            return "time is not decimal seconds";
        if (!fields.TryNextLong(out long type) || type is < 1 or > 7)
            return "event type is not 1-7";
        if (!fields.TryNextLong(out long orderId))
            return "order id is not an integer";
        if (!fields.TryNextLong(out long size))
            return "size is not an integer";
        if (!fields.TryNextLong(out long price))
            return "price is not an integer";
        if (!fields.TryNextLong(out long direction))
            return "direction is not an integer";
        var kind = (LobsterMessageType)type;
        if (direction is not (1 or -1) && !(direction == 0 && kind is LobsterMessageType.CrossTrade or LobsterMessageType.TradingHalt))
            return "direction is not 1 or -1";
        if (kind == LobsterMessageType.TradingHalt && price is not (-1 or 0 or 1))
            return "halt indicator (price) is not -1, 0 or 1";
        message = new LobsterMessage(lineNumber, timeNs, kind, orderId, size, price, direction >= 0 ? Side.Bid : Side.Ask);
        return null;
    }

    /// <inheritdoc />
    public void Dispose() => _lines.Dispose();
}
