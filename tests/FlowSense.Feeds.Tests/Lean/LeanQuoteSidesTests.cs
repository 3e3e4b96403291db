using FlowSense.Feeds.Lean;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Lean;

public sealed class LeanQuoteSidesTests
{
    private static readonly InstrumentId Ibm = new("USA", "IBM");

    [Fact]
    public void A_side_the_row_leaves_out_keeps_its_previous_value()
    {
        var sides = new LeanQuoteSides();
        var header = new EventHeader(Ibm, 0, 0, 0);

        Assert.Equal(new Quote(header, 1_850_000, 300, 1_851_000, 200), sides.Complete(new Quote(header, 1_850_000, 300, 1_851_000, 200)));
        Assert.Equal(new Quote(header, 1_850_000, 300, 1_852_000, 100), sides.Complete(new Quote(header, 0, 0, 1_852_000, 100)));
        Assert.Equal(new Quote(header, 1_849_000, 500, 1_852_000, 100), sides.Complete(new Quote(header, 1_849_000, 500, 0, 0)));
    }

    [Fact]
    public void On_the_IBM_day_every_quote_after_the_first_two_sided_one_has_both_sides()
    {
        var sides = new LeanQuoteSides();
        int oneSidedRows = 0, completed = 0;
        bool bothSeen = false;
        foreach (var tick in LeanDataReader.ReadQuoteTicks(SharedData.File("equity-ticks", "tick", "20131007_quote.zip"), Ibm, new LeanReadReport()))
        {
            if (tick.Quote.BidSize == 0 || tick.Quote.AskSize == 0)
                oneSidedRows++;
            Quote quote = sides.Complete(tick.Quote);
            bothSeen |= quote.BidSize > 0 && quote.AskSize > 0;
            if (bothSeen)
            {
                Assert.True(quote.BidSize > 0 && quote.AskSize > 0 && quote.BidPrice > 0 && quote.AskPrice > 0, quote.ToString());
                completed++;
            }
        }
        // The file really does leave sides out (the reason for the type), and most rows are checked.
        Assert.True(oneSidedRows > 1000 && completed > 10_000, $"{oneSidedRows} one-sided rows, {completed} checked");
    }
}
