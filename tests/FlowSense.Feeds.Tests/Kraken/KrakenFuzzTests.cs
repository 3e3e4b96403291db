using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Kraken;
using FlowSense.Feeds.Tests.Capture;
using FlowSense.Feeds.Tests.Venues;

namespace FlowSense.Feeds.Tests.Kraken;

public class KrakenFuzzTests
{
    [Fact]
    public void Mutated_recorded_messages_never_throw_and_every_reject_is_counted()
    {
        var recorded = new[] { "KRAKEN.ws.48.0", "KRAKEN.ws.49.0", "KRAKEN.ws.50.0" }
            .SelectMany(CaptureReplay.Load).Where(l => l.Kind == CaptureLineKind.Received).Select(l => l.Payload).ToList();
        var fuzzer = new VenueFuzzer(seed: 50);
        var codec = new KrakenCodec(new CountingSink(), fuzzer.Quarantine, "kraken:fuzz");
        int resyncs = 0;
        codec.ResyncRequested += _ => resyncs++;

        fuzzer.Run(recorded, 60_000, (input, position) => codec.Decode(input, position, position));

        fuzzer.AssertAccounted(codec.Stats);
        Assert.True(codec.Kraken.ChecksumMismatches > 0 && resyncs > 0, "mutated volumes that parse must trip the checksum");
        foreach (var pair in codec.Pairs)
            VenueFuzzer.AssertWellFormed(pair.Book);
    }
}
