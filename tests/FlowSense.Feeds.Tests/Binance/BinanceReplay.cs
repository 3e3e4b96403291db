using System.Text;
using FlowSense.Feeds.Binance;
using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Tests.Capture;

namespace FlowSense.Feeds.Tests.Binance;

/// <summary>The recorded Binance session as it happened: websocket messages and REST snapshots merged by receive time.</summary>
internal static class BinanceReplay
{
    public static List<(long Line, long ReceiveTimeNs, CaptureLineKind Kind, string Url, byte[] Payload)> Session() =>
        [.. CaptureReplay.Load("BINANCE.ws.1.0").Concat(CaptureReplay.Load("BINANCE.http.0.0"))
            .Where(l => l.Kind is CaptureLineKind.Received or CaptureLineKind.RestResponse)
            .OrderBy(l => l.ReceiveTimeNs)];

    public static void Feed(BinanceCodec codec, (long Line, long ReceiveTimeNs, CaptureLineKind Kind, string Url, byte[] Payload) line)
    {
        if (line.Kind == CaptureLineKind.RestResponse)
        {
            Assert.True(BinanceCodec.TryGetSnapshotSymbol(Encoding.UTF8.GetBytes(line.Url), out var symbol));
            codec.ApplySnapshot(symbol, line.Payload, line.ReceiveTimeNs, line.Line);
        }
        else
        {
            codec.Decode(line.Payload, line.ReceiveTimeNs, line.Line);
        }
    }
}
