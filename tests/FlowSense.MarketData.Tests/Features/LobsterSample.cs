using System.Globalization;
using FlowSense.Testing;

namespace FlowSense.MarketData.Tests.Features;

/// <summary>
/// LOBSTER's free AAPL sample (2012-06-21, first 999 messages, 10 levels), read as plain arrays: the message file
/// (time, type, order id, size, price, direction) and the orderbook file (one row per message, the book after it:
/// ask price 1, ask size 1, bid price 1, bid size 1, ask price 2, …).
/// </summary>
internal sealed class LobsterSample
{
    public const int Levels = 10;

    private const string Stem = "AAPL_2012-06-21_34200000_57600000_";

    private LobsterSample(Message[] messages, long[][] rows)
    {
        Messages = messages;
        Rows = rows;
    }

    public Message[] Messages { get; }

    public long[][] Rows { get; }

    public static LobsterSample Load()
    {
        Message[] messages = File.ReadLines(SharedData.File("lobster", Stem + "message_10.csv"))
            .Select(line => line.Split(','))
            .Select(f => new Message(
                (long)Math.Round(double.Parse(f[0], CultureInfo.InvariantCulture) * 1e9),
                int.Parse(f[1], CultureInfo.InvariantCulture),
                long.Parse(f[2], CultureInfo.InvariantCulture),
                long.Parse(f[3], CultureInfo.InvariantCulture),
                long.Parse(f[4], CultureInfo.InvariantCulture),
                int.Parse(f[5], CultureInfo.InvariantCulture)))
            .ToArray();
        long[][] rows = File.ReadLines(SharedData.File("lobster", Stem + "orderbook_10.csv"))
            .Select(line => line.Split(',').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        return new LobsterSample(messages, rows);
    }

    /// <summary>Splits one row into the four per-side arrays a <c>LevelView</c> wraps.</summary>
    public static (long[] BidPrices, long[] BidSizes, long[] AskPrices, long[] AskSizes) Split(long[] row)
    {
        var result = (new long[Levels], new long[Levels], new long[Levels], new long[Levels]);
        for (int m = 0; m < Levels; m++)
        {
            result.Item3[m] = row[4 * m];
            result.Item4[m] = row[4 * m + 1];
            result.Item1[m] = row[4 * m + 2];
            result.Item2[m] = row[4 * m + 3];
        }
        return result;
    }

    /// <param name="TimeNs">Nanoseconds after midnight.</param>
    /// <param name="Type">1 add, 2 partial cancel, 3 delete, 4 visible execution, 5 hidden execution, 6 cross, 7 halt.</param>
    /// <param name="OrderId">The venue's order id (0 for some cross and halt messages).</param>
    /// <param name="Direction">1 buy limit order, −1 sell limit order (for executions: the resting order's side).</param>
    internal readonly record struct Message(long TimeNs, int Type, long OrderId, long Size, long Price, int Direction);
}
