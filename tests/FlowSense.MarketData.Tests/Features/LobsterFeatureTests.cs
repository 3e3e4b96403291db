using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Ofi;
using FlowSense.MarketData.Features.TradeSign;
using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.Tests.Features;

/// <summary>
/// Features on LOBSTER's recorded AAPL sample against oracles taken from its recorded messages, not from our formulas.
/// OFI: Cont, Kukanov &amp; Stoikov (2014, §2) show e_n is the net order flow at the best quotes, + size of a bid placed
/// at or above the best bid, − size of a bid cancelled or executed at the best bid, and the mirror image on the ask.
/// Trade sign: a visible execution's aggressor is the side opposite the resting order.
/// </summary>
public class LobsterFeatureTests
{
    private static readonly LobsterSample Sample = LobsterSample.Load();

    [Fact]
    public void Event_contribution_from_book_rows_equals_signed_message_flow_at_the_best_quotes()
    {
        int nonZero = 0;
        for (int k = 1; k < Sample.Rows.Length; k++)
        {
            long expected = MessageFlowAtBest(Sample.Messages[k], Best(Sample.Rows[k - 1]));
            Assert.Equal(expected, OrderFlowEvent.Between(Best(Sample.Rows[k - 1]), Best(Sample.Rows[k])));
            if (expected != 0)
                nonZero++;
        }
        Assert.True(nonZero > 400, $"only {nonZero} messages touched the best quotes");
    }

    [Fact]
    public void Clock_window_OFI_of_the_aggregate_equals_message_flow_in_the_window()
    {
        const long Tau = 1_000_000_000;
        var features = new MicrostructureFeatures(new MicrostructureFeaturesOptions { OfiClockWindowNs = Tau, OfiEventWindow = 2000 });
        long total = 0;
        for (int k = 0; k < Sample.Rows.Length; k++)
        {
            var (bidPrices, bidSizes, askPrices, askSizes) = LobsterSample.Split(Sample.Rows[k]);
            features.OnLevels(Sample.Messages[k].TimeNs, new LevelView(bidPrices, bidSizes, askPrices, askSizes));
            if (k > 0)
                total += MessageFlowAtBest(Sample.Messages[k], Best(Sample.Rows[k - 1]));

            if (k % 50 == 0 || k == Sample.Rows.Length - 1)
            {
                long now = Sample.Messages[k].TimeNs;
                long inWindow = Enumerable.Range(1, k)
                    .Where(i => Sample.Messages[i].TimeNs > now - Tau)
                    .Sum(i => MessageFlowAtBest(Sample.Messages[i], Best(Sample.Rows[i - 1])));
                Assert.Equal(inWindow, features.Ofi.OverClock);
                Assert.Equal(total, features.Ofi.Cumulative);
                Assert.Equal(total, features.MultiLevelOfi.OverEvents[0]);
            }
        }
        Assert.Equal(0, features.RejectedBooks);
        Assert.Equal(0, features.CrossedBooks);
    }

    [Fact]
    public void Lee_Ready_recovers_the_aggressor_of_every_visible_execution()
    {
        // A visible execution's aggressor is the side opposite the resting order's direction.
        var signs = new LeeReadyClassifier();
        int executions = 0;
        for (int k = 1; k < Sample.Rows.Length; k++)
        {
            var message = Sample.Messages[k];
            if (message.Type != 4)
                continue;
            executions++;
            Assert.Equal(-message.Direction, signs.Classify(message.Price, Aggressor.Unknown, Best(Sample.Rows[k - 1])));
        }
        Assert.Equal(98, executions);
    }

    [Fact]
    public void Lobster_executions_drive_the_trade_features_through_the_aggregate()
    {
        var features = new MicrostructureFeatures(new MicrostructureFeaturesOptions());
        var header = new EventHeader(new InstrumentId("LOBSTER", "AAPL"), 0, 0, 0);
        int executions = 0;
        for (int k = 0; k < Sample.Rows.Length; k++)
        {
            var message = Sample.Messages[k];
            if (k > 0 && message.Type is 4 or 5)
            {
                // The trade prints against the book before the message; the aggressor is opposite the resting side.
                var aggressor = message.Direction == 1 ? Aggressor.Seller : Aggressor.Buyer;
                features.OnTrade(new Trade(header with { ExchangeTimeNs = message.TimeNs }, message.Price, message.Size, aggressor));
                executions++;
            }
            var (bidPrices, bidSizes, askPrices, askSizes) = LobsterSample.Split(Sample.Rows[k]);
            features.OnLevels(message.TimeNs, new LevelView(bidPrices, bidSizes, askPrices, askSizes));
        }
        Assert.Equal(159, executions);
        Assert.Equal(executions, features.TradeSigns.ByAggressor);
        FeatureSnapshot snapshot = features.Snapshot();
        Assert.InRange(snapshot.Microprice, snapshot.BidPrice, snapshot.AskPrice);
        Assert.InRange(snapshot.DepthImbalanceOverLevels, -1.0, 1.0);
        Assert.True(snapshot.MeanEffectiveSpread > 0, "executions at the touch pay a positive effective spread");
        Assert.Equal(0, features.TradesWithoutQuote);
    }

    private static TopOfBook Best(long[] row) => new(row[2], row[3], row[0], row[1]);

    private static long MessageFlowAtBest(LobsterSample.Message message, TopOfBook before) => message.Type switch
    {
        1 when message.Direction == 1 && message.Price >= before.BidPrice => message.Size,
        1 when message.Direction == -1 && message.Price <= before.AskPrice => -message.Size,
        2 or 3 or 4 when message.Direction == 1 && message.Price == before.BidPrice => -message.Size,
        2 or 3 or 4 when message.Direction == -1 && message.Price == before.AskPrice => message.Size,
        _ => 0,
    };
}
