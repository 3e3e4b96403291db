using System.Buffers;
using BenchmarkDotNet.Attributes;
using FlowSense.MarketData.Benchmarks.OrderBook;
using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Intensity;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.MarketData.Benchmarks.Checkpoints;

/// <summary>
/// Writing and restoring the checkpoint of what a symbol actor snapshots every N events: a 10-level L2 book and
/// its <see cref="MicrostructureFeatures"/> (default options plus Hawkes) after the whole LOBSTER AAPL replay, so the
/// windows hold real state (the OFI and multi-level OFI rings full, pending trades, VPIN buckets). The baseline
/// copies the same number of bytes into the same buffer: the floor any format pays to move them. The checkpoint's
/// size is printed in the setup log. Writing must allocate nothing (the output buffer is reused).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CheckpointBenchmarks
{
    private const int Depth = 10;

    private static readonly InstrumentId Instrument = new("NASDAQ", "AAPL");
    private static readonly MicrostructureFeaturesOptions Options = new() { Hawkes = new HawkesParameters(0.2, 0.6, 2.0) };

    private readonly ArrayBufferWriter<byte> _output = new(256 * 1024);
    private L2Book _book = null!;
    private MicrostructureFeatures _features = null!;
    private L2Book _restoredBook = null!;
    private MicrostructureFeatures _restoredFeatures = null!;
    private byte[] _checkpoint = null!;

    [GlobalSetup]
    public void Setup()
    {
        LobsterReplay replay = LobsterReplay.Load();
        var full = new L2Book(Instrument, new BookOptions(CheckSequence: false));
        full.LoadSnapshot(replay.SeedBids, replay.SeedAsks);
        _features = new MicrostructureFeatures(Options);
        long[] bidPrices = new long[Depth], bidSizes = new long[Depth], askPrices = new long[Depth], askSizes = new long[Depth];
        for (int i = 0; i < replay.Deltas.Length; i++)
        {
            OrderEvent order = replay.Orders[i];
            if (order.Action == OrderAction.Execute)
            {
                // The resting side's opposite took liquidity.
                Aggressor aggressor = replay.Deltas[i].Side == Side.Bid ? Aggressor.Seller : Aggressor.Buyer;
                _features.OnTrade(new Trade(order.Header, order.Price, order.Size, aggressor));
            }
            full.Apply(replay.Deltas[i]);
            int bids = full.TopLevels(Side.Bid, bidPrices, bidSizes);
            int asks = full.TopLevels(Side.Ask, askPrices, askSizes);
            _features.OnLevels(order.Header.ExchangeTimeNs, new LevelView(bidPrices.AsSpan(0, bids), bidSizes.AsSpan(0, bids), askPrices.AsSpan(0, asks), askSizes.AsSpan(0, asks)));
        }

        // The book a symbol actor publishes: its top 10 levels per side.
        Level[] topBids = new Level[Depth], topAsks = new Level[Depth];
        _book = new L2Book(Instrument, new BookOptions(CheckSequence: false));
        _book.LoadSnapshot(topBids.AsSpan(0, full.TopLevels(Side.Bid, topBids)), topAsks.AsSpan(0, full.TopLevels(Side.Ask, topAsks)), full.Sequence, full.LastEventTimeNs);
        if (_book.LevelCount(Side.Bid) != Depth || _book.LevelCount(Side.Ask) != Depth)
            throw new InvalidOperationException("the replayed book should hold 10 levels a side");

        _restoredBook = new L2Book(Instrument, new BookOptions(CheckSequence: false));
        _restoredFeatures = new MicrostructureFeatures(Options);
        Write();
        _checkpoint = _output.WrittenSpan.ToArray();
        Restore();
        Console.WriteLine($"// checkpoint of a 10-level L2 book + features: {_checkpoint.Length} bytes");
    }

    [Benchmark]
    public long Write()
    {
        _output.ResetWrittenCount();
        var writer = new CheckpointWriter(_output);
        _book.WriteCheckpoint(ref writer);
        _features.WriteCheckpoint(ref writer);
        writer.Complete();
        return writer.BytesWritten;
    }

    [Benchmark]
    public long Restore()
    {
        var reader = new CheckpointReader(_checkpoint);
        _restoredBook.RestoreCheckpoint(ref reader);
        _restoredFeatures.RestoreCheckpoint(ref reader);
        reader.Complete();
        return _restoredBook.Version;
    }

    [Benchmark(Baseline = true)]
    public long CopyBytes()
    {
        _output.ResetWrittenCount();
        _output.Write(_checkpoint);
        return _output.WrittenCount;
    }
}
