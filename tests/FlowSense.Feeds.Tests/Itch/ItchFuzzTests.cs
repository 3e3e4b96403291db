using FlowSense.Feeds.Itch;
using FlowSense.MarketData.Events;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Itch;

/// <summary>
/// Seeded mutations of the real sample: the codec never throws, and every frame is either read or counted as rejected.
/// Sized so that, with the venue codecs' fuzz tests, a CI run feeds the codecs well over a million inputs.
/// </summary>
public class ItchFuzzTests
{
    [Fact]
    public void Mutated_streams_never_throw_and_every_reject_is_counted()
    {
        var sample = File.ReadAllBytes(SharedData.File("itch", "ex20101224.TEST_ITCH_50"));
        var boundaries = FrameBoundaries(sample);
        var random = new Random(20101224);
        long messages = 0, rejected = 0;
        for (int round = 0; round < 2_000; round++)
        {
            int start = boundaries[random.Next(boundaries.Count / 2)];
            var mutated = Mutate(sample.AsSpan(start, 24_000).ToArray(), random);
            var quarantine = new Quarantine.Quarantine(new Quarantine.QuarantineOptions { Capacity = 16 });
            var reader = new ItchStreamReader("itch:fuzz", quarantine);
            var translator = new ItchEventTranslator(new NullSink(), 0);
            reader.ReadAll(new MemoryStream(mutated), ref translator);

            Assert.Equal(reader.Stats.UnknownType + reader.Stats.Truncated + (reader.Stats.UnframeableBytes > 0 ? 1 : 0), quarantine.Total);
            Assert.True(quarantine.Snapshot().Count <= 16);
            messages += reader.Stats.Messages;
            rejected += quarantine.Total;
        }
        Assert.True(messages + rejected > 700_000, $"only {messages + rejected} inputs were fed: the fuzz exercises too little");
        Assert.True(rejected > 0, "no mutation was rejected: the fuzz exercises too little");
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        // Flip, zero or drop a few bytes: lengths, types and fields all get hit.
        for (int i = random.Next(1, 6); i > 0; i--)
        {
            int at = random.Next(bytes.Length);
            switch (random.Next(3))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = 0; break;
                default: bytes = [.. bytes[..at], .. bytes[(at + 1)..]]; break;
            }
        }
        return bytes;
    }

    private static List<int> FrameBoundaries(byte[] bytes)
    {
        var boundaries = new List<int>();
        for (int at = 0; ItchFraming.TryReadFrame(bytes.AsSpan(at), out _, out int length) == ItchFrameStatus.Message; at += length)
            boundaries.Add(at);
        return boundaries;
    }

    private sealed class NullSink : IMarketEventSink
    {
        public void OnTrade(in Trade trade) { }
        public void OnQuote(in Quote quote) { }
        public void OnBookDelta(in BookDelta delta) { }
        public void OnOrder(in OrderEvent order) { }
        public void OnStatus(in StatusEvent status) { }
    }
}
