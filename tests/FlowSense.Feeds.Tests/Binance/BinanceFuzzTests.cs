using System.Text;
using FlowSense.Feeds.Binance;
using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Tests.Venues;
using FlowSense.Feeds.Venues;

namespace FlowSense.Feeds.Tests.Binance;

public class BinanceFuzzTests
{
    [Fact]
    public void Mutated_recorded_messages_and_snapshots_never_throw_and_every_reject_is_counted()
    {
        var session = BinanceReplay.Session();
        var messages = session.Where(l => l.Kind == CaptureLineKind.Received).Select(l => l.Payload).ToList();
        var snapshots = session.Where(l => l.Kind == CaptureLineKind.RestResponse).ToList();
        var fuzzer = new VenueFuzzer(seed: 1633998511);
        var codec = new BinanceCodec(new CountingSink(), fuzzer.Quarantine, "binance:fuzz");
        int gaps = 0;
        codec.ResyncRequested += _ => gaps++;
        var random = new Random(7);

        fuzzer.Run(messages.Concat(snapshots.Select(s => s.Payload)).ToList(), 60_000, (input, position) =>
        {
            // REST snapshots (recognised by their first key) go where a connector would send them, under a real symbol.
            if (input.AsSpan().StartsWith("{\"lastUpdateId\""u8) || random.Next(200) == 0)
            {
                var symbol = Encoding.ASCII.GetBytes(snapshots[random.Next(snapshots.Count)].Url.Split("symbol=")[1].Split('&')[0]);
                return codec.ApplySnapshot(symbol, input, position, position);
            }
            return codec.Decode(input, position, position);
        });

        fuzzer.AssertAccounted(codec.Stats);
        Assert.True(codec.Binance.DepthDiffs > 0 && codec.Binance.BookTickers > 0 && codec.Binance.Snapshots > 0);
        Assert.True(gaps > 0, "replaying recorded diffs out of order must be seen as gaps");
        Assert.True(codec.Books.Sum(b => b.Applied) > 0);
        foreach (var sync in codec.Books)
            VenueFuzzer.AssertWellFormed(sync.Book);
    }

    [Fact]
    public void Snapshot_symbols_from_urls()
    {
        Assert.True(BinanceCodec.TryGetSnapshotSymbol("https://api.binance.com/api/v3/depth?symbol=NKNUSDT&limit=1000"u8, out var s));
        Assert.Equal("NKNUSDT", Encoding.ASCII.GetString(s));
        Assert.True(BinanceCodec.TryGetSnapshotSymbol("https://x/api/v3/depth?limit=5&symbol=BTCUSDT"u8, out s));
        Assert.Equal("BTCUSDT", Encoding.ASCII.GetString(s));
        Assert.False(BinanceCodec.TryGetSnapshotSymbol("https://x/api/v3/depth?limit=5"u8, out _));
        Assert.False(BinanceCodec.TryGetSnapshotSymbol("https://x/api/v3/exchangeInfo"u8, out _));
    }

    [Fact]
    public void A_bad_snapshot_symbol_is_rejected_and_counted()
    {
        var quarantine = new Quarantine.Quarantine();
        var codec = new BinanceCodec(new CountingSink(), quarantine);
        Assert.Equal(DecodeResult.Rejected, codec.ApplySnapshot(""u8, "{\"lastUpdateId\":1,\"bids\":[],\"asks\":[]}"u8, 0, 9));
        Assert.Equal(1, codec.Stats.RejectedFor(RejectReason.InvalidSymbol));
        Assert.Equal(9, quarantine.Snapshot()[0].Position);
    }
}
