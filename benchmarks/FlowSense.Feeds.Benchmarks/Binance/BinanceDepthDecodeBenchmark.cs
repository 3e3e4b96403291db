using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FlowSense.Feeds.Binance;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Benchmarks.Binance;

/// <summary>
/// Binance depth diffs decoded from their JSON bytes (combined-stream wrapper included) and applied through the
/// documented sync procedure to the symbol's book, with every BookDelta published to a sink: the recorded NKNUSDT
/// diffs that follow the recorded REST snapshot (BINANCE.ws.1.0, 149 messages, 1–6 levels each). Each operation
/// restarts the sync as a connector does after a reconnect and loads a 20-level-per-side cut of that snapshot (so the
/// ids line up again and the book stays the same size), then decodes the diffs. Messages per second = (diffs + 1) / mean time per operation × operations.
/// </summary>
[MemoryDiagnoser]
public class BinanceDepthDecodeBenchmark
{
    private byte[][] _diffs = [];
    private byte[] _snapshot = [];
    private BinanceCodec _codec = null!;

    [GlobalSetup]
    public void Setup()
    {
        string data = Path.Combine(FindRepositoryRoot(), "..", "shared", "data", "crypto");
        string restLine = File.ReadLines(Path.Combine(data, "BINANCE.http.0.0")).First(l => l.Contains("symbol=NKNUSDT", StringComparison.Ordinal));
        using var snapshot = JsonDocument.Parse(restLine[(restLine.IndexOf(": {", StringComparison.Ordinal) + 2)..]);
        long lastUpdateId = snapshot.RootElement.GetProperty("lastUpdateId").GetInt64();
        string Top(string side) => string.Join(",", snapshot.RootElement.GetProperty(side).EnumerateArray().Take(20).Select(l => l.GetRawText()));
        _snapshot = Encoding.UTF8.GetBytes($"{{\"lastUpdateId\":{lastUpdateId},\"bids\":[{Top("bids")}],\"asks\":[{Top("asks")}]}}");

        _diffs = [.. File.ReadLines(Path.Combine(data, "BINANCE.ws.1.0"))
            .Where(l => l.Contains("\"stream\":\"nknusdt@depth", StringComparison.Ordinal))
            .Select(l => Encoding.UTF8.GetBytes(l[(l.IndexOf(": {", StringComparison.Ordinal) + 2)..]))
            .Where(m => FinalUpdateId(m) > lastUpdateId)];
        if (_diffs.Length != DiffCount)
            throw new InvalidOperationException($"expected {DiffCount} NKNUSDT diffs after the snapshot, found {_diffs.Length}");

        _codec = new BinanceCodec(new NullSink(), new Quarantine.Quarantine());
        Run();
        Run();
        var sync = _codec.Books.Single();
        if (sync.Applied != 2 * DiffCount || _codec.Stats.Rejected != 0)
            throw new InvalidOperationException("the benchmark's replay does not apply every diff");
    }

    private const int DiffCount = 149;

    [Benchmark(OperationsPerInvoke = DiffCount + 1)]
    public long SnapshotThenDiffs() => Run();

    [Benchmark(Baseline = true, OperationsPerInvoke = DiffCount + 1)]
    public long JsonDocumentParse()
    {
        long levels = 0;
        using (var snapshot = JsonDocument.Parse(_snapshot))
            levels += snapshot.RootElement.GetProperty("bids").GetArrayLength() + snapshot.RootElement.GetProperty("asks").GetArrayLength();
        foreach (var diff in _diffs)
        {
            using var doc = JsonDocument.Parse(diff);
            var data = doc.RootElement.GetProperty("data");
            foreach (var level in data.GetProperty("b").EnumerateArray())
                levels += decimal.Parse(level[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0 ? 1 : 0;
            foreach (var level in data.GetProperty("a").EnumerateArray())
                levels += decimal.Parse(level[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0 ? 1 : 0;
        }
        return levels;
    }

    private long Run()
    {
        _codec.Restart();
        _codec.ApplySnapshot("NKNUSDT"u8, _snapshot, 0, 0);
        for (int i = 0; i < _diffs.Length; i++)
            _codec.Decode(_diffs[i], i, i);
        return _codec.Stats.Decoded;
    }

    private static long FinalUpdateId(byte[] message)
    {
        using var doc = JsonDocument.Parse(message);
        return doc.RootElement.GetProperty("data").GetProperty("u").GetInt64();
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FlowSense.Actors.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Run the benchmark from inside the repository (FlowSense.Actors.sln not found).");
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
