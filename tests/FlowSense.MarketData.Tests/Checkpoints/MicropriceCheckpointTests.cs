using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Microprice;

namespace FlowSense.MarketData.Tests.Checkpoints;

/// <summary>The micro-price estimator keeps gathering transitions across a restore and fits the same table.</summary>
public class MicropriceCheckpointTests
{
    [Fact]
    public void The_estimator_fitted_across_a_restore_equals_the_one_fitted_without()
    {
        // IBM's quotes (a cent is 100 raw units): mostly one to three ticks wide, so nearly all inside the model.
        TopOfBook[] books =
        [
            .. RecordedStreams.IbmTicks().Where(e => e.Kind == MarketEventKind.Quote).Take(20_000)
                .Select(e => new TopOfBook(e.Quote.BidPrice, e.Quote.BidSize, e.Quote.AskPrice, e.Quote.AskSize)),
        ];
        var whole = new MicropriceEstimator(tickSize: 100, imbalanceBuckets: 4, maxSpreadTicks: 3);
        foreach (TopOfBook book in books)
            whole.Observe(book);

        for (int split = 0; split <= books.Length; split += books.Length / 7)
        {
            var first = new MicropriceEstimator(tickSize: 100, imbalanceBuckets: 4, maxSpreadTicks: 3);
            foreach (TopOfBook book in books.AsSpan(0, split))
                first.Observe(book);
            var resumed = new MicropriceEstimator(tickSize: 100, imbalanceBuckets: 4, maxSpreadTicks: 3);
            CheckpointFramingTests.Restore(resumed, CheckpointFramingTests.Write(first));
            foreach (TopOfBook book in books.AsSpan(split))
                resumed.Observe(book);

            Assert.Equal(whole.Transitions, resumed.Transitions);
            Assert.Equal(CheckpointFramingTests.Write(whole), CheckpointFramingTests.Write(resumed));
            Assert.True(whole.TryFit(4, out MicropriceTable expected));
            Assert.True(resumed.TryFit(4, out MicropriceTable actual));
            Assert.Equal(
                books.Select(b => BitConverter.DoubleToInt64Bits(expected.Of(b))),
                books.Select(b => BitConverter.DoubleToInt64Bits(actual.Of(b))));
        }
        Assert.True(whole.Transitions > 500, $"only {whole.Transitions} transitions in the IBM quotes");
    }
}
