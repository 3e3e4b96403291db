using System.Text;
using System.Text.Json;
using FlowSense.Feeds.Bitstamp;
using FlowSense.Feeds.Capture;
using FlowSense.Feeds.Coinbase;
using FlowSense.Feeds.Tests.Capture;
using FlowSense.Feeds.Venues;

namespace FlowSense.Feeds.Tests.Venues;

/// <summary>
/// The scale a codec learns a product prints with (the widest decimals in its book text) against the venue's text
/// itself: in the recordings every level of every book message of a product has exactly those decimals, so a value
/// formatted at the learned scale is the venue's own text.
/// </summary>
public class DisplayScaleTests
{
    [Fact]
    public void Coinbase_prints_every_level_with_its_products_increments()
    {
        var codec = new CoinbaseCodec(new CountingSink(), new Quarantine.Quarantine());
        CaptureReplay.Feed("COINBASE.ws.28.0", codec);
        Assert.Equal(new DisplayScale(4, 2), codec.PrintedScale(new("COINBASE", "BAND-GBP")));
        Assert.Equal(new DisplayScale(8, 8), codec.PrintedScale(new("COINBASE", "DASH-BTC"))); // listed with a 0.001 base increment
        int levels = 0;
        foreach (var line in CaptureReplay.Load("COINBASE.ws.28.0").Where(l => l.Kind == CaptureLineKind.Received))
        {
            using var doc = JsonDocument.Parse(line.Payload);
            string? type = doc.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type != "l2update" && type != "snapshot")
                continue;
            DisplayScale scale = codec.PrintedScale(new("COINBASE", doc.RootElement.GetProperty("product_id").GetString()!))!.Value;
            IEnumerable<JsonElement> entries = type == "l2update"
                ? doc.RootElement.GetProperty("changes").EnumerateArray().Select(c => c)
                : doc.RootElement.GetProperty("bids").EnumerateArray().Concat(doc.RootElement.GetProperty("asks").EnumerateArray());
            foreach (JsonElement entry in entries)
            {
                int offset = type == "l2update" ? 1 : 0;
                Assert.Equal(scale.PriceDecimals, DecimalsOf(entry[offset].GetString()!));
                Assert.Equal(scale.SizeDecimals, DecimalsOf(entry[offset + 1].GetString()!));
                levels++;
            }
        }
        Assert.True(levels > 10_000, $"{levels} levels checked");
    }

    [Fact]
    public void Bitstamp_prints_every_level_with_its_pairs_decimals()
    {
        var codec = new BitstampCodec(new CountingSink(), new Quarantine.Quarantine());
        foreach (var line in CaptureReplay.Load("BITSTAMP.ws.1.0").Concat(CaptureReplay.Load("BITSTAMP.http.0.0")).OrderBy(l => l.ReceiveTimeNs))
        {
            if (line.Kind == CaptureLineKind.Received)
                codec.Decode(line.Payload, line.ReceiveTimeNs, line.Line);
            else if (line.Kind == CaptureLineKind.RestResponse && BitstampCodec.TryGetSnapshotPair(Encoding.UTF8.GetBytes(line.Url), out var pair))
                codec.ApplySnapshot(pair, line.Payload, line.ReceiveTimeNs, line.Line);
        }
        Assert.Equal(new DisplayScale(2, 8), codec.Book(new("BITSTAMP", "ethusd"))!.Printed);
        int levels = 0;
        foreach (var line in CaptureReplay.Load("BITSTAMP.ws.1.0").Where(l => l.Kind == CaptureLineKind.Received))
        {
            using var doc = JsonDocument.Parse(line.Payload);
            string channel = doc.RootElement.TryGetProperty("channel", out var c) ? c.GetString()! : "";
            if (!channel.StartsWith("diff_order_book_", StringComparison.Ordinal) || doc.RootElement.GetProperty("event").GetString() != "data")
                continue;
            DisplayScale scale = codec.Book(new("BITSTAMP", channel["diff_order_book_".Length..]))!.Printed;
            var data = doc.RootElement.GetProperty("data");
            foreach (JsonElement entry in data.GetProperty("bids").EnumerateArray().Concat(data.GetProperty("asks").EnumerateArray()))
            {
                Assert.Equal(scale.PriceDecimals, DecimalsOf(entry[0].GetString()!));
                Assert.Equal(scale.SizeDecimals, DecimalsOf(entry[1].GetString()!));
                levels++;
            }
        }
        Assert.True(levels > 1_000, $"{levels} levels checked");
    }

    private static int DecimalsOf(string text)
    {
        Assert.True(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out _, out int decimals), text);
        return decimals;
    }
}
