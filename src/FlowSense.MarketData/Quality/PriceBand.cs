using FlowSense.MarketData.Checkpoints;
namespace FlowSense.MarketData.Quality;

/// <summary>Settings of the price band that rejects outlier trades.</summary>
/// <param name="Window">How many accepted prices the reference (their mean) is taken over.</param>
/// <param name="MaxDeviation">The largest accepted |price − reference| / reference (0.10 = 10%).</param>
/// <param name="MinSamples">Accepted prices needed before the band is enforced.</param>
/// <param name="ReanchorAfter">
/// After this many consecutive outliers the reference is dropped and rebuilt from the next prices: a real level
/// shift (news, a halt reopening) must not reject a symbol's tape forever. Those outliers stay rejected and counted.
/// </param>
public sealed record PriceBandOptions(int Window = 50, double MaxDeviation = 0.10, int MinSamples = 5, int ReanchorAfter = 10)
{
    public static PriceBandOptions Default { get; } = new();
}

/// <summary>The rolling reference price of one symbol: the mean of its last accepted prices, O(1) per trade.</summary>
internal sealed class PriceBand(PriceBandOptions options)
{
    private readonly long[] _prices = new long[options.Window];
    private int _next;
    private int _count;
    private Int128 _sum;
    private int _consecutiveOutliers;

    /// <summary>True when <paramref name="price"/> lies outside the band (the band is open until warmed up).</summary>
    public bool IsOutlier(long price)
    {
        if (_count < options.MinSamples)
            return false;
        double reference = (double)_sum / _count;
        bool outlier = Math.Abs(price - reference) > options.MaxDeviation * reference;
        if (!outlier)
            return false;
        if (++_consecutiveOutliers >= options.ReanchorAfter)
            Clear();
        return true;
    }

    public void Accept(long price)
    {
        _consecutiveOutliers = 0;
        if (_count == _prices.Length)
            _sum -= _prices[_next];
        else
            _count++;
        _prices[_next] = price;
        _sum += price;
        _next = _next + 1 == _prices.Length ? 0 : _next + 1;
    }

    /// <summary>Writes the band's window (storage order), running sum and outlier streak, in its validator's section.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.WriteInt32(_count);
        writer.WriteInt32(_next);
        writer.WriteInt128(_sum);
        writer.WriteInt32(_consecutiveOutliers);
        writer.WriteInt64s(_prices.AsSpan(0, _count));
    }

    /// <summary>Reads what <see cref="WriteCheckpoint"/> wrote.</summary>
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        _count = reader.ReadCount(_prices.Length, "the band's price count");
        _next = reader.ReadCount(_prices.Length - 1, "the band's ring position");
        if (_count < _prices.Length && _next != _count)
            throw reader.Corrupt($"a band holding {_count} prices has its next slot at {_next}");
        _sum = reader.ReadInt128();
        _consecutiveOutliers = reader.ReadCount(int.MaxValue, "the outlier streak");
        Array.Clear(_prices);
        reader.ReadInt64s(_prices.AsSpan(0, _count));
    }

    private void Clear()
    {
        _next = 0;
        _count = 0;
        _sum = 0;
        _consecutiveOutliers = 0;
    }
}
