using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Sinks.PostgreSql.Tests;

/// <summary>Trades for the sink tests: one symbol's tape, one trade a microsecond, across a UTC midnight.</summary>
internal static class TradeTape
{
    public const long NsPerDay = 86_400_000_000_000L;

    /// <summary>2026-11-02 23:59:59.999999000 UTC: a tape starting here straddles midnight, so it needs two partitions.</summary>
    public static readonly long LateEvening = (new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000L) + NsPerDay - 1_000;

    public static Trade TradeAt(string symbol, long exchangeTimeNs, long sequence, long price = 1_234_500) =>
        new(new EventHeader(new InstrumentId("NASDAQ", symbol), exchangeTimeNs, exchangeTimeNs + 5_000, sequence), price, 100, Aggressor.Buyer, 0x10, sequence % 2 == 0 ? null : $"T{sequence}");

    /// <summary>Trades 1..<paramref name="count"/> of the symbol (sequence numbers from 1).</summary>
    public static IEnumerable<Trade> Of(string symbol, int count) =>
        Enumerable.Range(0, count).Select(i => TradeAt(symbol, LateEvening + (i * 1_000L), i + 1, 1_234_500 + i));

    /// <summary>A symbol no other test uses (the test databases are shared by a class's tests).</summary>
    public static string NewSymbol(char prefix) => $"{prefix}{Guid.NewGuid():N}"[..12];
}
