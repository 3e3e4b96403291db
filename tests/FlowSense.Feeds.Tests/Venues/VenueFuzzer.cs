using System.Text;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Tests.Venues;

/// <summary>
/// Seeded fuzzing of a venue codec with recorded messages: most inputs are mutated copies (bit flips, truncation, a
/// number swapped for garbage, bytes dropped, duplicated or inserted, tokens deleted), some are pure random bytes, and
/// a share are left intact so the books get synchronised and mutations reach the deep paths (applied updates, checksums,
/// resyncs). The invariants: nothing throws, every input is counted exactly once (decoded, ignored or rejected), every
/// rejection is in the quarantine under its reason, and the quarantine stays within its bound.
/// </summary>
internal sealed class VenueFuzzer(int seed)
{
    public const int QuarantineCapacity = 64;

    private static readonly string[] Garbage =
        ["abc", "-1", "-0.5", "1e999", "", "NaN", "99999999999999999999", "0.0000000000000000001", "1.2.3", "\"", "null", "[]", "{}", "-", "1,5"];

    private readonly Random _random = new(seed);

    public Quarantine.Quarantine Quarantine { get; } = new(new Quarantine.QuarantineOptions { Capacity = QuarantineCapacity, MaxBytesPerInput = 256 });

    public long Inputs { get; private set; }

    /// <summary>Feeds <paramref name="count"/> inputs derived from <paramref name="recorded"/> through <paramref name="feed"/>.</summary>
    public void Run(IReadOnlyList<byte[]> recorded, int count, Func<byte[], long, DecodeResult> feed)
    {
        for (int i = 0; i < count; i++)
        {
            byte[] input = _random.Next(10) switch
            {
                < 3 => recorded[_random.Next(recorded.Count)],
                3 when _random.Next(4) == 0 => RandomBytes(),
                _ => Mutate(recorded[_random.Next(recorded.Count)]),
            };
            feed(input, Inputs++);
        }
    }

    /// <summary>The codec-level invariants after a run.</summary>
    public void AssertAccounted(DecodeStats stats)
    {
        Assert.Equal(Inputs, stats.Decoded + stats.Ignored + stats.Rejected);
        Assert.Equal(stats.Rejected, Quarantine.Total);
        Assert.Equal(stats.Rejected, Enum.GetValues<RejectReason>().Sum(stats.RejectedFor));
        var byCategory = Quarantine.CountsByCategory();
        foreach (var reason in Enum.GetValues<RejectReason>())
            Assert.Equal(stats.RejectedFor(reason), byCategory.GetValueOrDefault(DecodeStats.Category(reason)));
        Assert.True(Quarantine.Snapshot().Count <= QuarantineCapacity);
        Assert.True(stats.RejectedFor(RejectReason.InvalidJson) > 0 && stats.RejectedFor(RejectReason.InvalidNumber) > 0,
            "the mutations should produce both malformed JSON and malformed numbers");
        Assert.True(stats.Decoded > Inputs / 5, $"only {stats.Decoded} of {Inputs} inputs decoded: the fuzz exercises too little");
    }

    /// <summary>A book must never hold a non-positive size, and each side must be strictly ordered best first.</summary>
    public static void AssertWellFormed(VenueBook book)
    {
        foreach (var side in new[] { Side.Bid, Side.Ask })
        {
            for (int d = 0; d < book.Count(side); d++)
            {
                var level = book.LevelAt(side, d);
                Assert.True(level.Size > 0 && level.Price > 0);
                if (d > 0)
                    Assert.True(side == Side.Bid ? level.Price < book.LevelAt(side, d - 1).Price : level.Price > book.LevelAt(side, d - 1).Price);
            }
        }
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(0, 64)];
        _random.NextBytes(bytes);
        if (bytes.Length > 0 && _random.Next(2) == 0)
            bytes[0] = (byte)"{["[_random.Next(2)];
        return bytes;
    }

    private byte[] Mutate(byte[] original)
    {
        var bytes = original.ToList();
        for (int n = _random.Next(1, 4); n > 0 && bytes.Count > 0; n--)
        {
            int at = _random.Next(bytes.Count);
            switch (_random.Next(7))
            {
                case 0: bytes[at] ^= (byte)(1 << _random.Next(8)); break;
                case 1: bytes.RemoveRange(at, bytes.Count - at); break; // truncate
                case 2: SwapNumber(bytes, at); break;
                case 3: bytes.RemoveAt(at); break;
                case 4: bytes.Insert(at, bytes[at]); break;
                case 5: bytes.Insert(at, (byte)"{}[],:\"-.0"[_random.Next(10)]); break;
                default: SwapNumber(bytes, at); break;
            }
        }
        return [.. bytes];
    }

    // Replace the number (digits, '.', '-') at or after 'at' with garbage.
    private void SwapNumber(List<byte> bytes, int at)
    {
        int start = bytes.FindIndex(at, b => b is >= (byte)'0' and <= (byte)'9');
        if (start < 0)
            return;
        while (start > 0 && bytes[start - 1] is (byte)'.' or (byte)'-' or (>= (byte)'0' and <= (byte)'9'))
            start--;
        int end = start;
        while (end < bytes.Count && bytes[end] is (byte)'.' or (byte)'-' or (>= (byte)'0' and <= (byte)'9'))
            end++;
        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Encoding.ASCII.GetBytes(Garbage[_random.Next(Garbage.Length)]));
    }
}
