using FlowSense.Feeds.Itch;
using FlowSense.MarketData.Events;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Itch;

/// <summary>
/// The synthetic ITCH 5.0 file shipped with the RITCH package, checked against the counts its authors' tests expect
/// (shared/data/README.md): framing and field decoding, not market realism.
/// </summary>
public class ItchSampleFileTests
{
    private static readonly string SamplePath = SharedData.File("itch", "ex20101224.TEST_ITCH_50");

    [Fact]
    public void Every_message_type_count_matches_the_authors_expectation()
    {
        var quarantine = new Quarantine.Quarantine();
        var reader = new ItchStreamReader("itch:sample", quarantine);
        var counter = new NoOpHandler();
        using var file = File.OpenRead(SamplePath);

        Assert.True(reader.ReadAll(file, ref counter));

        var stats = reader.Stats;
        Assert.Equal(6, stats.Count(ItchMessageType.SystemEvent));
        Assert.Equal(3, stats.Count(ItchMessageType.StockDirectory));
        Assert.Equal(3, stats.Count(ItchMessageType.StockTradingAction));
        Assert.Equal(4997, stats.Count(ItchMessageType.AddOrder));
        Assert.Equal(3, stats.Count(ItchMessageType.AddOrderWithMpid));
        Assert.Equal(198, stats.Count(ItchMessageType.OrderExecuted));
        Assert.Equal(45, stats.Count(ItchMessageType.OrderCancel));
        Assert.Equal(1745, stats.Count(ItchMessageType.OrderDelete));
        Assert.Equal(12, stats.Count(ItchMessageType.OrderReplace));
        Assert.Equal(5000, stats.Count(ItchMessageType.Trade));
        Assert.Equal(6 + 3 + 3 + 4997 + 3 + 198 + 45 + 1745 + 12 + 5000, stats.Messages);
        Assert.Equal(new FileInfo(SamplePath).Length, stats.Bytes);
        Assert.Equal(0, stats.Rejected);
        Assert.Equal(0, quarantine.Total);
    }

    [Fact]
    public void Orders_by_side_and_by_stock_match_the_authors_expectation()
    {
        var sink = new RecordingSink();
        var translator = new ItchEventTranslator(sink, ItchEventTranslator.MidnightUtcNs(new DateOnly(2010, 12, 24)));
        var reader = new ItchStreamReader("itch:sample", new Quarantine.Quarantine());
        using var file = File.OpenRead(SamplePath);

        Assert.True(reader.ReadAll(file, ref translator));

        var adds = sink.Orders.Where(o => o.Action == OrderAction.Add).ToList();
        Assert.Equal(5000, adds.Count);
        Assert.Equal(2432, adds.Count(o => o.Side == Side.Bid));
        Assert.Equal(2568, adds.Count(o => o.Side == Side.Ask));
        var byStock = adds.GroupBy(o => o.Header.Instrument.Symbol).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(950, byStock["ALC"]);
        Assert.Equal(2482, byStock["BOB"]);
        Assert.Equal(1568, byStock["CHAR"]);
        Assert.Equal(0, translator.UnknownLocate);
        Assert.All(sink.Orders, o => Assert.Equal("NASDAQ", o.Header.Instrument.Venue));
        Assert.Equal(5000, sink.Trades.Count);
        Assert.Equal(3, sink.Statuses.Count);
    }

    [Fact]
    public void Timestamps_are_placed_on_the_session_day_in_utc()
    {
        var sink = new RecordingSink();
        long midnight = ItchEventTranslator.MidnightUtcNs(new DateOnly(2010, 12, 24));
        var translator = new ItchEventTranslator(sink, midnight);
        var reader = new ItchStreamReader("itch:sample", new Quarantine.Quarantine());
        using var file = File.OpenRead(SamplePath);
        reader.ReadAll(file, ref translator);

        // 2010-12-24 is EST (UTC-5): midnight Eastern is 05:00 UTC.
        Assert.Equal(new DateTime(2010, 12, 24, 5, 0, 0, DateTimeKind.Utc), DateTime.UnixEpoch.AddTicks(midnight / 100));
        Assert.All(sink.Orders, o => Assert.InRange(o.Header.ExchangeTimeNs, midnight, midnight + 86_400_000_000_000L));
    }

    private struct NoOpHandler : IItchMessageHandler
    {
        public readonly void OnMessage(in ItchMessage message) { }
    }
}
