using System.Globalization;
using System.Text.Json;
using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Coinbase;
using FlowSense.Feeds.Tests.Capture;
using FlowSense.Feeds.Tests.Venues;
using FlowSense.MarketData.Instruments;
using Xunit.Abstractions;

namespace FlowSense.Feeds.Tests.Coinbase;

/// <summary>
/// The oracle is Coinbase's ticker: each one states best_bid and best_ask right after a match. The level2 and ticker
/// channels are separate streams on one socket, so the l2update that reflects a match can come just before or just
/// after its ticker. The rebuilt book is compared with each ticker when it arrives and, failing that, after each of
/// the product's next few l2updates (the window): the match rate within the window is asserted.
/// The first ticker of each product is not live: on subscribing, the ticker channel replays the product's latest
/// ticker, stamped (and describing the book) at that last trade, seconds before the level2 snapshot; such a ticker
/// can agree with the snapshot only if the top of book has not moved since. They are counted apart.
/// </summary>
public class CoinbaseTickerOracleTests(ITestOutputHelper output)
{
    private const int Window = 5;

    [Fact]
    public void Rebuilt_best_bid_and_ask_agree_with_the_ticker_within_a_few_updates()
    {
        var lines = CaptureReplay.Load("COINBASE.ws.28.0").Where(l => l.Kind == CaptureLineKind.Received).ToList();
        var codec = new CoinbaseCodec(new CountingSink(), new Quarantine.Quarantine());
        var open = new List<Pending>(); // tickers not yet matched, with the l2updates of their product still allowed
        int replayAgreed = 0;
        int tickers = 0, atArrival = 0, withinWindow = 0, notCompared = 0;
        var misses = new List<string>();
        var replayed = new HashSet<string>(); // products whose subscription-replay ticker has been seen
        var replayLines = new HashSet<long>();

        foreach (var line in lines)
        {
            codec.Decode(line.Payload, line.ReceiveTimeNs, line.Line);
            using var doc = JsonDocument.Parse(line.Payload);
            var root = doc.RootElement;
            string type = root.GetProperty("type").GetString()!;
            if (type == "ticker")
            {
                tickers++;
                var t = new Pending(root.GetProperty("product_id").GetString()!, Dec(root, "best_bid"), Dec(root, "best_ask"), line.Line, Window);
                var instrument = new InstrumentId(CoinbaseCodec.Venue, t.Product);
                if (replayed.Add(t.Product))
                {
                    replayLines.Add(line.Line);
                    if (Agrees(codec, t))
                        replayAgreed++;
                    continue;
                }
                if (codec.IsAwaitingSnapshot(instrument))
                    notCompared++;
                else if (Agrees(codec, t))
                    atArrival++;
                else
                    open.Add(t);
            }
            else if (type == "l2update")
            {
                string product = root.GetProperty("product_id").GetString()!;
                for (int i = open.Count - 1; i >= 0; i--)
                {
                    var t = open[i];
                    if (t.Product != product)
                        continue;
                    if (Agrees(codec, t))
                    {
                        withinWindow++;
                        open.RemoveAt(i);
                    }
                    else if (--t.UpdatesLeft == 0)
                    {
                        misses.Add($"ticker at line {t.Line} {t.Product} {t.Bid}/{t.Ask}");
                        open.RemoveAt(i);
                    }
                }
            }
        }
        int compared = tickers - replayLines.Count - notCompared;
        double rate = (double)(atArrival + withinWindow) / compared;
        output.WriteLine($"tickers {tickers}, compared {compared}: {atArrival} at arrival, {withinWindow} within {Window} updates, {misses.Count + open.Count} missed; rate {rate:P2}; subscription replays {replayLines.Count} ({replayAgreed} agreeing with the snapshot)");
        misses.ForEach(output.WriteLine);

        Assert.Equal(0, codec.Stats.Rejected);
        Assert.Equal(10, codec.Coinbase.Snapshots);
        Assert.Equal(10, replayLines.Count);
        Assert.True(compared >= 90, $"only {compared} tickers could be compared");
        Assert.True(rate >= 0.99, $"match rate {rate:P2}");
    }

    private static bool Agrees(CoinbaseCodec codec, Pending t)
    {
        var book = codec.Book(new InstrumentId(CoinbaseCodec.Venue, t.Product))!;
        return FixedPoint.ToDecimal(book.BestBid.Price, CoinbaseCodec.Decimals) == t.Bid && FixedPoint.ToDecimal(book.BestAsk.Price, CoinbaseCodec.Decimals) == t.Ask;
    }

    private static decimal Dec(JsonElement e, string name) => decimal.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private sealed class Pending(string product, decimal bid, decimal ask, long line, int updatesLeft)
    {
        public string Product { get; } = product;
        public decimal Bid { get; } = bid;
        public decimal Ask { get; } = ask;
        public long Line { get; } = line;
        public int UpdatesLeft { get; set; } = updatesLeft;
    }
}
