using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;
using FlowSense.MarketData.Tests.Features;
using FlowSense.Testing;

namespace FlowSense.MarketData.Tests.Checkpoints;

/// <summary>Real recorded data (see ../shared/data/README.md) turned into replica event streams.</summary>
internal static class RecordedStreams
{
    private const long NsPerMs = 1_000_000;

    /// <summary>
    /// LOBSTER's AAPL sample as L3 order events: the book seeded from orderbook row 0 (the book before message 1),
    /// then messages 1.. as adds, cancels, deletes and executions; executions (visible and hidden) also print a trade
    /// whose aggressor is opposite the resting side. A timer tick follows every 50th message.
    /// </summary>
    public static (MarketEvent[] Events, Level[] Bids, Level[] Asks) Lobster()
    {
        LobsterSample sample = LobsterSample.Load();
        var (bidPrices, bidSizes, askPrices, askSizes) = LobsterSample.Split(sample.Rows[0]);
        Level[] bids = [.. bidPrices.Zip(bidSizes, (p, s) => new Level(p, s, 0)).Where(l => l.Size > 0)];
        Level[] asks = [.. askPrices.Zip(askSizes, (p, s) => new Level(p, s, 0)).Where(l => l.Size > 0)];
        var events = new List<MarketEvent>();
        for (int k = 1; k < sample.Messages.Length; k++)
        {
            LobsterSample.Message m = sample.Messages[k];
            var header = new EventHeader(SymbolReplica.Instrument, m.TimeNs, m.TimeNs, 0);
            Side side = m.Direction == 1 ? Side.Bid : Side.Ask;
            if (m.Type is 4 or 5)
                events.Add(MarketEvent.Of(new Trade(header, m.Price, m.Size, m.Direction == 1 ? Aggressor.Seller : Aggressor.Buyer)));
            OrderAction? action = m.Type switch
            {
                1 => OrderAction.Add,
                2 => OrderAction.Cancel,
                3 => OrderAction.Delete,
                4 => OrderAction.Execute,
                _ => null,
            };
            if (action is { } a)
                events.Add(MarketEvent.Of(new OrderEvent(header, a, m.OrderId, side, m.Price, m.Size)));
            if (k % 50 == 0)
                events.Add(MarketEvent.Timer(m.TimeNs + 1));
        }
        return ([.. events], bids, asks);
    }

    /// <summary>
    /// IBM's trades and quotes of 2013-10-07 (LEAN tick files), merged in time order (quotes first within a
    /// millisecond). A quote side given as 0 was not updated and keeps its last value, as LEAN documents.
    /// </summary>
    public static MarketEvent[] IbmTicks()
    {
        long day = new DateTimeOffset(2013, 10, 7, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * NsPerMs;
        var quotes = new List<MarketEvent>();
        long bid = 0, bidSize = 0, ask = 0, askSize = 0;
        foreach (string[] f in ZipLines("quote"))
        {
            long time = day + long.Parse(f[0], CultureInfo.InvariantCulture) * NsPerMs;
            if (long.Parse(f[2], CultureInfo.InvariantCulture) > 0)
                (bid, bidSize) = (long.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture));
            if (long.Parse(f[4], CultureInfo.InvariantCulture) > 0)
                (ask, askSize) = (long.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture));
            quotes.Add(MarketEvent.Of(new Quote(new EventHeader(SymbolReplica.Instrument, time, time, 0), bid, bidSize, ask, askSize)));
        }
        var trades = new List<MarketEvent>();
        foreach (string[] f in ZipLines("trade"))
        {
            long time = day + long.Parse(f[0], CultureInfo.InvariantCulture) * NsPerMs;
            uint conditions = uint.Parse(f[4], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            trades.Add(MarketEvent.Of(new Trade(
                new EventHeader(SymbolReplica.Instrument, time, time, 0),
                long.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture), Aggressor.Unknown, conditions)));
        }
        return [.. quotes.Concat(trades).OrderBy(e => e.TimeNs).ThenBy(e => e.Kind)];
    }

    /// <summary>
    /// Binance NKNUSDT (2021-10-12) as L2 deltas: the REST snapshot as one snapshot batch, then each depth diff
    /// after the snapshot's lastUpdateId as one batch (a zero quantity deletes the level), plus any aggregate trades
    /// ("m": the buyer was the maker, so the seller took liquidity; this capture happens to hold none). Prices and
    /// quantities ×10⁸.
    /// </summary>
    public static MarketEvent[] Binance()
    {
        var events = new List<MarketEvent>();
        string snapshotLine = File.ReadLines(SharedData.File("crypto", "BINANCE.http.0.0")).First(l => l.Contains("symbol=NKNUSDT", StringComparison.Ordinal));
        using (JsonDocument snapshot = JsonDocument.Parse(snapshotLine[(snapshotLine.IndexOf(": {", StringComparison.Ordinal) + 2)..]))
        {
            long lastUpdateId = snapshot.RootElement.GetProperty("lastUpdateId").GetInt64();
            long time = 1_633_998_512_320 * NsPerMs;
            var header = new EventHeader(SymbolReplica.Instrument, time, time, 0);
            var deltas = Levels(snapshot.RootElement.GetProperty("bids"), Side.Bid).Concat(Levels(snapshot.RootElement.GetProperty("asks"), Side.Ask)).ToList();
            for (int i = 0; i < deltas.Count; i++)
            {
                DeltaFlags flags = DeltaFlags.Snapshot | (i == deltas.Count - 1 ? DeltaFlags.LastInBatch : DeltaFlags.None);
                events.Add(MarketEvent.Of(new BookDelta(header, deltas[i].Side, deltas[i].Price, deltas[i].Size, BookAction.Add, flags)));
            }
            foreach (string line in File.ReadLines(SharedData.File("crypto", "BINANCE.ws.1.0")))
            {
                int json = line.IndexOf(": {", StringComparison.Ordinal);
                if (json < 0 || !line.Contains("\"stream\":\"nknusdt@", StringComparison.Ordinal))
                    continue;
                using JsonDocument message = JsonDocument.Parse(line[(json + 2)..]);
                JsonElement data = message.RootElement.GetProperty("data");
                string? type = data.TryGetProperty("e", out JsonElement e) ? e.GetString() : null; // bookTicker has no "e"
                if (type == "depthUpdate" && data.GetProperty("u").GetInt64() > lastUpdateId)
                {
                    long t = data.GetProperty("E").GetInt64() * NsPerMs;
                    var diff = Levels(data.GetProperty("b"), Side.Bid).Concat(Levels(data.GetProperty("a"), Side.Ask)).ToList();
                    for (int i = 0; i < diff.Count; i++)
                    {
                        var h = new EventHeader(SymbolReplica.Instrument, t, t, 0);
                        DeltaFlags flags = i == diff.Count - 1 ? DeltaFlags.LastInBatch : DeltaFlags.None;
                        BookAction action = diff[i].Size == 0 ? BookAction.Delete : BookAction.Add;
                        events.Add(MarketEvent.Of(new BookDelta(h, diff[i].Side, diff[i].Price, diff[i].Size, action, flags)));
                    }
                }
                else if (type == "aggTrade")
                {
                    long t = data.GetProperty("T").GetInt64() * NsPerMs;
                    Aggressor aggressor = data.GetProperty("m").GetBoolean() ? Aggressor.Seller : Aggressor.Buyer;
                    events.Add(MarketEvent.Of(new Trade(
                        new EventHeader(SymbolReplica.Instrument, t, t, 0), Scaled(data.GetProperty("p")), Scaled(data.GetProperty("q")), aggressor)));
                }
            }
        }
        return [.. events];
    }

    private static IEnumerable<(Side Side, long Price, long Size)> Levels(JsonElement levels, Side side) =>
        levels.EnumerateArray().Select(l => (side, Scaled(l[0]), Scaled(l[1]))).ToList();

    private static long Scaled(JsonElement value) => (long)(decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture) * 100_000_000m);

    private static IEnumerable<string[]> ZipLines(string kind)
    {
        using ZipArchive zip = ZipFile.OpenRead(SharedData.File("equity-ticks", "tick", $"20131007_{kind}.zip"));
        using var reader = new StreamReader(zip.Entries[0].Open());
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
                yield return line.Split(',');
        }
    }
}
