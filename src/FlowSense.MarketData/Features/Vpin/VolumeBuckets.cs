using FlowSense.MarketData.Features.RollingWindows;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.Vpin;

/// <summary>
/// Equal-volume buckets of size V for VPIN: volume is poured in with a buy fraction, a bucket closes when it holds
/// exactly V, and volume beyond V spills into the next bucket (so one trade or bar may span several). Keeps
/// |V_S − V_B| of the last n closed buckets. Sizes are raw size units.
/// </summary>
public sealed class VolumeBuckets : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private RollingSum<double> _imbalances; // a struct changed in place: not readonly
    private long _filled;
    private double _buy;
    private double _sell;

    /// <param name="bucketVolume">V, raw size units per bucket.</param>
    /// <param name="bucketCount">n, the buckets VPIN averages over.</param>
    public VolumeBuckets(long bucketVolume, int bucketCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketVolume, 1);
        BucketVolume = bucketVolume;
        _imbalances = new RollingSum<double>(bucketCount);
    }

    public long BucketVolume { get; }

    public int BucketCount => _imbalances.Capacity;

    /// <summary>Buckets closed since construction.</summary>
    public long Completed { get; private set; }

    /// <summary>Volume in the bucket still filling.</summary>
    public long CurrentFill => _filled;

    /// <summary>n buckets have closed.</summary>
    public bool IsReady => _imbalances.IsFull;

    /// <summary>Σ|V_S − V_B| / (n·V) over the last n closed buckets (over those closed so far during warm-up); NaN before the first.</summary>
    public double Vpin => _imbalances.Count == 0 ? double.NaN : _imbalances.Sum / ((double)_imbalances.Count * BucketVolume);

    /// <summary>Pours <paramref name="volume"/> in, a fraction <paramref name="buyFraction"/> of it bought.</summary>
    public void Add(long volume, double buyFraction)
    {
        if (volume <= 0)
            return;

        long room = BucketVolume - _filled;
        long take = Math.Min(volume, room);
        Fill(take, buyFraction);
        volume -= take;
        if (_filled < BucketVolume)
            return;
        CloseBucket();

        // Whole buckets from one large print: all alike, and only the last n can matter to the window.
        long whole = volume / BucketVolume;
        if (whole > 0)
        {
            double imbalance = Math.Abs(1.0 - 2.0 * buyFraction) * BucketVolume;
            long kept = Math.Min(whole, BucketCount);
            for (long i = 0; i < kept; i++)
                _imbalances.Add(imbalance);
            Completed += whole;
            volume -= whole * BucketVolume;
        }
        Fill(volume, buyFraction);
    }

    /// <summary>Writes the open bucket (fill, buy and sell volume) and the window of closed buckets' imbalances.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.VolumeBuckets, CheckpointVersion);
        writer.WriteInt64(BucketVolume);
        writer.WriteInt64(Completed);
        writer.WriteInt64(_filled);
        writer.WriteDouble(_buy);
        writer.WriteDouble(_sell);
        _imbalances.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.VolumeBuckets, CheckpointVersion);
        reader.ReadExpected(BucketVolume, "the bucket volume");
        Completed = reader.ReadInt64();
        _filled = reader.ReadInt64();
        if (_filled < 0 || _filled >= BucketVolume)
            throw reader.Corrupt($"the open bucket holds {_filled} of {BucketVolume}");
        _buy = reader.ReadDouble();
        _sell = reader.ReadDouble();
        _imbalances.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }

    private void Fill(long volume, double buyFraction)
    {
        double bought = volume * buyFraction;
        _buy += bought;
        _sell += volume - bought;
        _filled += volume;
    }

    private void CloseBucket()
    {
        _imbalances.Add(Math.Abs(_sell - _buy));
        Completed++;
        _filled = 0;
        _buy = 0;
        _sell = 0;
    }
}
