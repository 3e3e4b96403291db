namespace FlowSense.MarketData.Features.Microprice;

/// <summary>
/// The size-weighted mid I·Pa + (1 − I)·Pb with I = Qb / (Qb + Qa), in raw price units. Stoikov (2018),
/// "The micro-price: a high-frequency estimator of future prices", calls this the weighted mid and shows it is a
/// noisy predictor; his estimated micro-price (a Markov-chain adjustment of the mid) is not implemented here.
/// A large bid queue pulls the value towards the ask: the next move is more likely up. Stateless; NaN unless both
/// sides hold size. It lies in [Pb, Pa] whenever the book is not crossed.
/// </summary>
public static class WeightedMidPrice
{
    public static double Of(in TopOfBook book)
    {
        if (!book.IsTwoSided)
            return double.NaN;
        double imbalance = book.BidSize / ((double)book.BidSize + book.AskSize);
        return imbalance * book.AskPrice + (1.0 - imbalance) * book.BidPrice;
    }
}
