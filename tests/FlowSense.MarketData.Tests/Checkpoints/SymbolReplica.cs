using System.Buffers;
using System.Linq.Expressions;
using System.Reflection;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Ofi;
using FlowSense.MarketData.Indicators;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.MarketData.Tests.Checkpoints;

/// <summary>Which book a replica keeps.</summary>
public enum BookKind : byte
{
    L1,
    L2,
    L3,
}

/// <summary>How a replica is built: configuration, never state (a restore builds a fresh replica from the same).</summary>
internal sealed record ReplicaConfig(
    BookKind Book,
    MicrostructureFeaturesOptions Features,
    long VolumePerBar,
    BookOptions? BookOptions = null,
    Level[]? SeedBids = null,
    Level[]? SeedAsks = null,
    SaleConditionFilter? Filter = null);

/// <summary>
/// Everything a symbol actor owns for one instrument — a book, the microstructure features, multi-timeframe and
/// volume bars, and every indicator fed by the base bars — with a trace of what it produced after each event, so
/// two runs can be compared event by event and bit for bit.
/// </summary>
internal sealed class SymbolReplica : IBarSink
{
    public static readonly InstrumentId Instrument = new("TEST", "CKPT");

    private const int Depth = 10;

    /// <summary>Every property of <see cref="FeatureSnapshot"/> (found by reflection, so a new one is never left out) as a compiled read of its raw bits.</summary>
    private static readonly (string Name, Func<FeatureSnapshot, long> Bits)[] SnapshotFields =
        [.. typeof(FeatureSnapshot).GetProperties().Select(p => (p.Name, BitsOf(p)))];

    private static readonly TimeFrame[] Frames = [TimeFrame.OneSecond, TimeFrame.FiveSeconds, TimeFrame.OneMinute];

    private readonly long[] _bidPrices = new long[Depth];
    private readonly long[] _bidSizes = new long[Depth];
    private readonly long[] _askPrices = new long[Depth];
    private readonly long[] _askSizes = new long[Depth];

    public SymbolReplica(ReplicaConfig config)
    {
        Config = config;
        Book = config.Book switch
        {
            BookKind.L1 => new L1Book(Instrument, config.BookOptions?.CrossedPolicy ?? CrossedBookPolicy.Flag),
            BookKind.L2 => new L2Book(Instrument, config.BookOptions),
            _ => new L3Book(Instrument, config.BookOptions),
        };
        if (Book is LevelBook levels && (config.SeedBids is not null || config.SeedAsks is not null))
            levels.LoadSnapshot(config.SeedBids ?? [], config.SeedAsks ?? []);
        Features = new MicrostructureFeatures(config.Features);
        Bars = new MultiTimeframeBarAggregator(Frames, this, config.Filter);
        VolumeBars = ThresholdBarBuilder.VolumeBars(config.VolumePerBar, config.Filter);
        Indicators =
        [
            new SimpleMovingAverage(4), new ExponentialMovingAverage(4), new RelativeStrengthIndex(3),
            new RelativeStrengthIndex(3, Smoothing.Simple), new MovingAverageConvergenceDivergence(2, 4, 2),
            new BollingerBands(4, 2), new AverageTrueRange(3), new AverageTrueRange(3, Smoothing.Simple),
            new StochasticRelativeStrengthIndex(3, 3, 2, 2), new RollingVwap(3), new OnBalanceVolume(),
            new Variance(3), new StandardDeviation(3), new LogReturn(2), new TrueRange(),
        ];
    }

    public ReplicaConfig Config { get; }

    public IBookView Book { get; }

    public MicrostructureFeatures Features { get; }

    public MultiTimeframeBarAggregator Bars { get; }

    public ThresholdBarBuilder VolumeBars { get; }

    public Indicator[] Indicators { get; }

    /// <summary>One fingerprint per event: the feature snapshot's bits, the book's top, every indicator's value.</summary>
    public List<long> Trace { get; } = [];

    /// <summary>Every bar closed, by any builder, in order.</summary>
    public List<(TimeFrame Frame, Bar Bar)> ClosedBars { get; } = [];

    public void Apply(in MarketEvent e)
    {
        switch (e.Kind)
        {
            case MarketEventKind.Quote:
                ((L1Book)Book).Apply(e.Quote);
                Features.OnQuote(e.Quote);
                break;
            case MarketEventKind.Delta:
                ((L2Book)Book).Apply(e.Delta);
                FeedLevels(e.TimeNs);
                break;
            case MarketEventKind.Order:
                ((L3Book)Book).Apply(e.Order);
                FeedLevels(e.TimeNs);
                break;
            case MarketEventKind.Trade:
                if (Book is L1Book l1)
                    l1.Apply(e.Trade);
                Features.OnTrade(e.Trade);
                Bars.OnTrade(e.Trade);
                if (VolumeBars.Add(e.Trade, out Bar volumeBar))
                    ClosedBars.Add((default, volumeBar));
                break;
            case MarketEventKind.Timer:
                Features.Advance(e.TimeNs);
                Bars.AdvanceTo(e.TimeNs);
                break;
        }
        Trace.Add(Fingerprint());
    }

    public void OnBar(TimeFrame timeFrame, in Bar bar)
    {
        ClosedBars.Add((timeFrame, bar));
        if (timeFrame != Frames[0])
            return;
        var ohlcv = new OhlcvBar(bar.StartTimeNs, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume);
        foreach (Indicator indicator in Indicators)
        {
            if (indicator is IBarIndicator byBar)
                byBar.Update(ohlcv);
        }
    }

    /// <summary>The whole replica as one checkpoint, written the way a symbol actor would.</summary>
    public byte[] Checkpoint()
    {
        var output = new ArrayBufferWriter<byte>();
        WriteTo(output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes the whole replica as one checkpoint into <paramref name="output"/>.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new CheckpointWriter(output);
        ((ICheckpointState)Book).WriteCheckpoint(ref writer);
        Features.WriteCheckpoint(ref writer);
        Bars.WriteCheckpoint(ref writer);
        VolumeBars.WriteCheckpoint(ref writer);
        foreach (Indicator indicator in Indicators)
            indicator.WriteCheckpoint(ref writer);
        writer.Complete();
    }

    /// <summary>A fresh replica built from <paramref name="config"/>, then restored from <paramref name="checkpoint"/>.</summary>
    public static SymbolReplica Restore(ReplicaConfig config, ReadOnlySpan<byte> checkpoint)
    {
        var replica = new SymbolReplica(config);
        replica.RestoreFrom(checkpoint);
        return replica;
    }

    /// <summary>Replaces this replica's whole state with <paramref name="checkpoint"/>'s.</summary>
    public void RestoreFrom(ReadOnlySpan<byte> checkpoint)
    {
        var reader = new CheckpointReader(checkpoint);
        ((ICheckpointState)Book).RestoreCheckpoint(ref reader);
        Features.RestoreCheckpoint(ref reader);
        Bars.RestoreCheckpoint(ref reader);
        VolumeBars.RestoreCheckpoint(ref reader);
        foreach (Indicator indicator in Indicators)
            indicator.RestoreCheckpoint(ref reader);
        reader.Complete();
    }

    /// <summary>The feature snapshot as (field name, raw bits) pairs, for a bit-for-bit comparison that names the field.</summary>
    public IEnumerable<(string Field, long Bits)> SnapshotBits()
    {
        FeatureSnapshot snapshot = Features.Snapshot();
        return SnapshotFields.Select(f => (f.Name, f.Bits(snapshot)));
    }

    /// <summary>Every level of one side, best first.</summary>
    public Level[] Levels(Side side)
    {
        var levels = new Level[Book.LevelCount(side)];
        Book.TopLevels(side, levels);
        return levels;
    }

    private void FeedLevels(long timeNs)
    {
        int bids = Book.TopLevels(Side.Bid, _bidPrices, _bidSizes);
        int asks = Book.TopLevels(Side.Ask, _askPrices, _askSizes);
        Features.OnLevels(timeNs, new LevelView(_bidPrices.AsSpan(0, bids), _bidSizes.AsSpan(0, bids), _askPrices.AsSpan(0, asks), _askSizes.AsSpan(0, asks)));
    }

    // FNV-1a over 64-bit words: any differing bit in any value changes the trace entry.
    private const ulong FnvOffset = 14695981039346656037UL;

    private static ulong Fnv(ulong hash, long value) => (hash ^ (ulong)value) * 1099511628211UL;

    private long Fingerprint()
    {
        ulong hash = FnvOffset;
        void Mix(long value) => hash = Fnv(hash, value);
        FeatureSnapshot snapshot = Features.Snapshot();
        foreach ((string _, Func<FeatureSnapshot, long> bits) in SnapshotFields)
            Mix(bits(snapshot));
        Mix(Book.Version);
        Mix(Book.BestBid.Price);
        Mix(Book.BestBid.Size);
        Mix(Book.BestAsk.Price);
        Mix(Book.BestAsk.Size);
        foreach (Indicator indicator in Indicators)
        {
            Mix(BitConverter.DoubleToInt64Bits(indicator.Value));
            Mix(indicator.Samples);
        }
        return (long)hash;
    }

    private static Func<FeatureSnapshot, long> BitsOf(PropertyInfo property)
    {
        ParameterExpression snapshot = Expression.Parameter(typeof(FeatureSnapshot));
        Expression value = Expression.Property(snapshot, property);
        Expression bits = property.PropertyType == typeof(double)
            ? Expression.Call(typeof(BitConverter).GetMethod(nameof(BitConverter.DoubleToInt64Bits))!, value)
            : property.PropertyType == typeof(OfiByLevel)
                ? Expression.Call(typeof(SymbolReplica).GetMethod(nameof(LevelBits), BindingFlags.NonPublic | BindingFlags.Static)!, value)
            : property.PropertyType == typeof(long) || property.PropertyType == typeof(int) || property.PropertyType.IsEnum
                ? Expression.Convert(property.PropertyType.IsEnum ? Expression.Convert(value, Enum.GetUnderlyingType(property.PropertyType)) : value, typeof(long))
                : throw new InvalidOperationException($"FeatureSnapshot.{property.Name} is a {property.PropertyType} the test cannot compare bit for bit");
        return Expression.Lambda<Func<FeatureSnapshot, long>>(bits, snapshot).Compile();
    }

    /// <summary>The levels and their count folded into one word, as <see cref="Fingerprint"/> folds the rest.</summary>
    private static long LevelBits(OfiByLevel levels)
    {
        ulong hash = Fnv(FnvOffset, levels.Count);
        for (int m = 0; m < levels.Count; m++)
            hash = Fnv(hash, levels[m]);
        return (long)hash;
    }
}
