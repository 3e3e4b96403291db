using BenchmarkDotNet.Attributes;
using FlowSense.Feeds.Itch;

namespace FlowSense.Feeds.Benchmarks.Itch;

/// <summary>
/// Framing and decoding of ITCH 5.0 from memory: the synthetic sample (12,012 messages) parsed per operation, each
/// add/execute/cancel/delete/replace/trade decoded into its fields. Messages per second = 12,012 / mean time.
/// </summary>
[MemoryDiagnoser]
public class ItchParseBenchmark
{
    private byte[] _stream = [];

    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(RepositoryRoot.Find(), "..", "shared", "data", "itch", "ex20101224.TEST_ITCH_50");
        _stream = File.ReadAllBytes(path);
    }

    [Benchmark(OperationsPerInvoke = 12_012)]
    public long FrameAndDecode()
    {
        var handler = new FieldSummer();
        var span = _stream.AsSpan();
        long index = 0;
        while (ItchFraming.TryReadFrame(span, out var message, out int length) == ItchFrameStatus.Message)
        {
            handler.OnMessage(new ItchMessage(message, index++));
            span = span[length..];
        }
        return handler.Sum;
    }

    private struct FieldSummer : IItchMessageHandler
    {
        public long Sum;

        public void OnMessage(in ItchMessage message)
        {
            switch (message.Type)
            {
                case ItchMessageType.AddOrder or ItchMessageType.AddOrderWithMpid:
                    var a = new ItchAddOrder(message.Bytes);
                    Sum += (long)a.OrderReference + a.Shares + a.Price + a.BuySellIndicator + a.Timestamp;
                    break;
                case ItchMessageType.OrderExecuted or ItchMessageType.OrderExecutedWithPrice:
                    var e = new ItchOrderExecuted(message.Bytes);
                    Sum += (long)e.OrderReference + e.ExecutedShares + e.ExecutionPrice;
                    break;
                case ItchMessageType.OrderCancel:
                    var x = new ItchOrderCancel(message.Bytes);
                    Sum += (long)x.OrderReference + x.CancelledShares;
                    break;
                case ItchMessageType.OrderDelete:
                    Sum += (long)new ItchOrderDelete(message.Bytes).OrderReference;
                    break;
                case ItchMessageType.OrderReplace:
                    var u = new ItchOrderReplace(message.Bytes);
                    Sum += (long)u.NewOrderReference + u.Shares + u.Price;
                    break;
                case ItchMessageType.Trade:
                    var p = new ItchTrade(message.Bytes);
                    Sum += p.Shares + p.Price + (long)p.MatchNumber;
                    break;
            }
        }
    }
}
