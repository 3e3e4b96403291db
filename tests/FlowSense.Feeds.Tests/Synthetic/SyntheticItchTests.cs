using FlowSense.Feeds.Itch;
using FlowSense.Feeds.Replay;
using FlowSense.Feeds.Synthetic;
using FlowSense.Feeds.Tests.Replay;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Synthetic;

/// <summary>
/// Synthetic ITCH is the RITCH sample repeated: each pass, mapped back to the sample's stocks, is the sample's own
/// event sequence (plus the deletes that close the pass), the books it builds are as consistent as the sample's and
/// end every pass empty, and passes never share an order.
/// </summary>
public sealed class SyntheticItchTests
{
    private static readonly DateOnly ItchDay = new(2010, 12, 24);
    private static readonly string SamplePath = SharedData.File("itch", "ex20101224.TEST_ITCH_50");
    private static readonly SyntheticItch Synthetic = SyntheticItch.FromSample(SamplePath, ItchDay, symbols: 30);

    [Fact]
    public async Task A_pass_is_the_sample_event_sequence_spread_over_the_stocks_symbols()
    {
        var sample = await ReplayRun.Events(ReplaySource.Itch(SamplePath, ItchDay));
        var pass = await ReplayRun.Events(Synthetic.Replay(passes: 1));

        Assert.Equal(30, Synthetic.Symbols); // 3 stocks × 10 groups
        Assert.Equal(Synthetic.EventsPerPass, pass.Count);
        Assert.True(pass.Count > sample.Count, "the pass closes with deletes of the orders the sample leaves resting");
        for (int i = 0; i < sample.Count; i++)
        {
            var (expected, actual) = (sample[i], pass[i]);
            Assert.Equal(expected.Kind, actual.Kind);
            Assert.StartsWith(expected.Header.Instrument.Symbol, actual.Header.Instrument.Symbol, StringComparison.Ordinal);
            Assert.Equal(Payload(expected), Payload(actual));
        }
        Assert.All(pass.Skip(sample.Count), e => Assert.Equal(OrderAction.Delete, e.AsOrder().Action));
        Assert.Equal(30, pass.Select(e => e.Header.Instrument).Distinct().Count());
    }

    [Fact]
    public async Task Every_pass_leaves_its_books_empty_and_repeats_the_samples_own_refusals()
    {
        var sample = await ReplayRun.Events(ReplaySource.Itch(SamplePath, ItchDay));
        var sampleResults = Apply(sample, new Dictionary<InstrumentId, L3Book>());
        var books = new Dictionary<InstrumentId, L3Book>();
        var events = await ReplayRun.Events(Synthetic.Replay(passes: 3));
        long perPass = Synthetic.EventsPerPass;

        for (int pass = 0; pass < 3; pass++)
        {
            var results = Apply(events.Skip((int)(pass * perPass)).Take((int)perPass), books);
            // The sample's own refusals (deletes of orders it never added), in every pass, and nothing else refused.
            Assert.Equal(Refusals(sampleResults), Refusals(results));
            // The closing deletes all apply.
            Assert.Equal(Applied(sampleResults) + Synthetic.EventsPerPass - sample.Count, Applied(results));
            // Each synthetic book holds a subset of a sample book's orders, so it is crossed no more often than they are
            // (the RITCH sample's random prices cross its books most of the time).
            Assert.InRange(results[ApplyResult.AppliedCrossed], 0, sampleResults[ApplyResult.AppliedCrossed]);
            Assert.All(books.Values, book => Assert.Equal(0, book.OrderCount));
        }
    }

    [Fact]
    public async Task Passes_shift_order_references_and_time_forward()
    {
        var events = await ReplayRun.Events(Synthetic.Replay(passes: 2));
        var orders = events.Where(e => e.Kind == MarketEventKind.Order).Select(e => e.AsOrder()).ToList();
        var first = orders.Take(orders.Count / 2).Select(o => o.OrderId).ToHashSet();
        var second = orders.Skip(orders.Count / 2).Select(o => o.OrderId).ToHashSet();

        Assert.Empty(first.Intersect(second));
        var times = events.Select(e => e.Header.ExchangeTimeNs).ToList();
        Assert.True(times.Zip(times.Skip(1)).All(t => t.Second - t.First == 1_000), "one message per synthetic microsecond");
    }

    [Fact]
    public void The_stream_is_the_same_whatever_the_readers_buffer_size()
    {
        using var whole = Synthetic.Open(passes: 2);
        using var pieces = Synthetic.Open(passes: 2);
        var expected = new MemoryStream();
        whole.CopyTo(expected, 1 << 16);
        var actual = new MemoryStream();
        var small = new byte[7]; // smaller than any frame: every frame is handed over in parts
        for (int n; (n = pieces.Read(small)) > 0;)
            actual.Write(small, 0, n);

        Assert.Equal(whole.Length, expected.Length);
        Assert.Equal(expected.ToArray(), actual.ToArray());
    }

    [Fact]
    public void Symbols_are_bounded_by_the_samples_stocks_and_ITCH_locates()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticItch.FromSample(SamplePath, ItchDay, symbols: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticItch.FromSample(SamplePath, ItchDay, symbols: 70_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => Synthetic.Open(Synthetic.MaxPasses + 1));
        Assert.Equal("ALC0", Synthetic.SymbolName(0));
        Assert.Equal("CHAR9", Synthetic.SymbolName(29));
    }

    private static (OrderAction, long, Side, long, long, long) Payload(MarketEvent e) => e.Kind switch
    {
        MarketEventKind.Order => Shifted(e.AsOrder()),
        MarketEventKind.Trade => (0, 0, 0, e.AsTrade().Price, e.AsTrade().Size, (long)e.AsTrade().Aggressor),
        _ => (0, 0, 0, 0, 0, (long)e.AsStatus().Status),
    };

    // Pass 0 keeps the sample's references.
    private static (OrderAction, long, Side, long, long, long) Shifted(OrderEvent o) => (o.Action, o.OrderId, o.Side, o.Price, o.Size, o.NewOrderId);

    private static string Refusals(Dictionary<ApplyResult, int> results) =>
        string.Join(", ", results.Where(r => !r.Key.IsApplied()).Select(r => $"{r.Key} {r.Value}"));

    private static int Applied(Dictionary<ApplyResult, int> results) => results.Where(r => r.Key.IsApplied()).Sum(r => r.Value);

    /// <summary>Applies the order events to one L3 book per instrument (sequence checks off: ITCH sequences are stream-wide) and tallies the results.</summary>
    private static Dictionary<ApplyResult, int> Apply(IEnumerable<MarketEvent> events, Dictionary<InstrumentId, L3Book> books)
    {
        var results = Enum.GetValues<ApplyResult>().ToDictionary(r => r, _ => 0);
        foreach (var e in events.Where(e => e.Kind == MarketEventKind.Order))
        {
            var order = e.AsOrder();
            if (!books.TryGetValue(order.Header.Instrument, out var book))
                books[order.Header.Instrument] = book = new L3Book(order.Header.Instrument, new BookOptions { CheckSequence = false });
            results[book.Apply(order)]++;
        }
        return results;
    }
}
