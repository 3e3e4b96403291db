using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Coinbase;
using FlowSense.Feeds.Tests.Capture;
using FlowSense.Feeds.Tests.Venues;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Tests.Coinbase;

public class CoinbaseFuzzTests
{
    [Fact]
    public void Mutated_recorded_messages_never_throw_and_every_reject_is_counted()
    {
        var recorded = CaptureReplay.Load("COINBASE.ws.28.0").Where(l => l.Kind == CaptureLineKind.Received).Select(l => l.Payload).ToList();
        var fuzzer = new VenueFuzzer(seed: 1618677816);
        var codec = new CoinbaseCodec(new CountingSink(), fuzzer.Quarantine, "coinbase:fuzz");

        fuzzer.Run(recorded, 60_000, (input, position) => codec.Decode(input, position, position));

        fuzzer.AssertAccounted(codec.Stats);
        Assert.True(codec.Coinbase.L2Updates > 0 && codec.Coinbase.Snapshots > 0 && codec.Coinbase.Matches > 0);
        foreach (var product in new[] { "SKL-USD", "SKL-BTC", "BAND-GBP", "NMR-EUR", "BAND-BTC", "YFI-BTC", "DASH-BTC", "NU-GBP", "CRV-EUR", "SKL-GBP" })
        {
            var book = codec.Book(new InstrumentId(CoinbaseCodec.Venue, product));
            if (book is not null)
                VenueFuzzer.AssertWellFormed(book);
        }
    }
}
