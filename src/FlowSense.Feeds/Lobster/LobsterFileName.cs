using System.Globalization;

namespace FlowSense.Feeds.Lobster;

/// <summary>Which of the two files of a LOBSTER pair a name denotes.</summary>
public enum LobsterFileKind : byte
{
    /// <summary>The message file (events).</summary>
    Message = 1,
    /// <summary>The orderbook file (the book after each event).</summary>
    OrderBook = 2,
}

/// <summary>
/// The facts a LOBSTER file name carries: <c>TICKER_Year-Month-Day_StartTime_EndTime_{message|orderbook}_LEVEL.csv</c>,
/// start and end in milliseconds after midnight (LOBSTER data structure documentation).
/// </summary>
public readonly record struct LobsterFileName(string Ticker, DateOnly Day, long StartMs, long EndMs, LobsterFileKind Kind, int Levels)
{
    /// <summary>Parses a file name or path; false when it does not follow LOBSTER's pattern.</summary>
    public static bool TryParse(string path, out LobsterFileName name)
    {
        name = default;
        string[] parts = Path.GetFileNameWithoutExtension(path).Split('_');
        if (parts.Length < 6)
            return false;
        // The ticker itself may contain underscores: the last five parts are fixed, the rest is the ticker.
        int n = parts.Length;
        string ticker = string.Join('_', parts[..(n - 5)]);
        LobsterFileKind kind = parts[n - 2] switch
        {
            "message" => LobsterFileKind.Message,
            "orderbook" => LobsterFileKind.OrderBook,
            _ => 0,
        };
        if (kind == 0 || ticker.Length == 0
            || !DateOnly.TryParseExact(parts[n - 5], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
            || !long.TryParse(parts[n - 4], NumberStyles.None, CultureInfo.InvariantCulture, out long start)
            || !long.TryParse(parts[n - 3], NumberStyles.None, CultureInfo.InvariantCulture, out long end)
            || !int.TryParse(parts[n - 1], NumberStyles.None, CultureInfo.InvariantCulture, out int levels))
            return false;
        name = new LobsterFileName(ticker, day, start, end, kind, levels);
        return true;
    }
}
