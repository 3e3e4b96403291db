using FlowSense.Management.Contract;
using FlowSense.MarketData.Instruments;
using FlowSense.Node.Hosting;

namespace FlowSense.Node.Tests.MainJob;

/// <summary>
/// The main job (hocon/single-node.conf over the data shipped in data/) run in-process at full speed: every count of
/// its summary equals what the market-data readers and codecs yield when fed the same files directly.
/// </summary>
public sealed class MainJobTests
{
    [Fact]
    public async Task The_summary_counts_equal_the_files_fed_directly_to_the_market_data_core()
    {
        var direct = new Dictionary<string, DirectCount>
        {
            ["ibm"] = DirectCount.Lean(RepositoryRoot.File("data", "lean", "equity", "usa", "tick", "ibm", "20131007_trade.zip"),
                RepositoryRoot.File("data", "lean", "equity", "usa", "tick", "ibm", "20131007_quote.zip"), new InstrumentId("USA", "IBM")),
            ["coinbase"] = DirectCount.Capture(RepositoryRoot.File("data", "cryptofeed", "COINBASE.ws.28.0"), "coinbase"),
            ["kraken"] = DirectCount.Capture(RepositoryRoot.File("data", "cryptofeed", "KRAKEN.ws.50.0"), "kraken"),
        };

        await using FlowSenseNode node = await NodeHost.StartAsync(new NodeHostOptions
        {
            ConfigFile = RepositoryRoot.File("hocon", "single-node.conf"),
            Speed = "max",
        });
        await node.ReplaysFinished.WaitAsync(TimeSpan.FromMinutes(2));
        var features = new List<SymbolFeatures>();
        foreach (var listed in (await node.Management.SymbolsAsync(CancellationToken.None)).Symbols)
            features.Add((await node.Management.FeaturesAsync(listed.Symbol, CancellationToken.None))!);
        var report = await node.ShutdownAsync("test");
        var summary = report.Summary;

        Assert.True(report.Phases.AllCompleted, report.ToText());
        Assert.Equal(["coinbase", "ibm", "kraken"], summary.Sources.Select(s => s.Name));
        foreach (var source in summary.Sources)
        {
            DirectCount oracle = direct[source.Name];
            Assert.Equal("Completed", source.State);
            Assert.Equal(oracle.Events, source.Events);
            Assert.Equal(oracle.Rejected, source.SourceRejected);
            Assert.Equal(0, source.Unroutable);
            // Every event read reached its symbol and is accounted for by exactly one outcome.
            Assert.Equal(source.Events, source.Applied + source.Duplicates + source.Rejected + source.Skipped);
        }
        Assert.True(direct["ibm"].Events > 100_000 && direct["coinbase"].Events > 10_000 && direct["kraken"].Events > 10_000);

        var expectedSymbols = direct.Values.SelectMany(d => d.ByInstrument).ToDictionary(p => p.Key.ToString(), p => p.Value);
        Assert.Equal(expectedSymbols.Keys.Order(), summary.Symbols.Select(s => s.Symbol).Order());
        foreach (var symbol in summary.Symbols)
            Assert.Equal(expectedSymbols[symbol.Symbol], symbol.Applied + symbol.Duplicates + symbol.Rejected + symbol.Skipped + symbol.Quarantined);

        // None of the shipped recordings has a real gap: Coinbase's product sequence skips numbers by design (it counts
        // the full channel) and ITCH numbers messages venue-wide, so a jump there must not count as a gap or resync.
        Assert.All(summary.Symbols, s => Assert.True(s.Gaps == 0 && s.Resyncs == 0, $"{s.Symbol}: gaps {s.Gaps}, resyncs {s.Resyncs}"));

        Assert.Equal(direct.Values.Sum(d => d.Events), summary.Events);
        Assert.Contains($"Summary: {summary.Events:N0} events", summary.ToText(), StringComparison.Ordinal);
        Assert.Equal(0, report.Drain.OutstandingAtEnd);

        // VPIN buckets are sized per instrument (its volume in the files / days traded / 50), so every symbol that
        // trades enough fills its 50-bucket window within the replay and reads a plausible toxicity, never the 1.000
        // of one bucket spanning the whole day. (A symbol with a handful of trades reads 1: each trade fills buckets alone.)
        var trades = direct.Values.SelectMany(d => d.Trades).ToDictionary(p => p.Key.ToString(), p => p.Value);
        var active = features.Where(f => trades.GetValueOrDefault(f.Symbol) >= 50).ToList();
        Assert.All(features, f => Assert.True(f.VpinBucketVolume > 0, $"{f.Symbol}: bucket {f.VpinBucketVolume}"));
        Assert.Contains(active, f => f.Symbol == "USA:IBM");
        Assert.True(active.Count >= 2, string.Join("; ", features.Select(f => $"{f.Symbol}: {trades.GetValueOrDefault(f.Symbol)} trades")));
        Assert.All(active, f => Assert.True(f.VpinReady && f.Vpin is > 0 and < 1,
            $"{f.Symbol}: VPIN {f.Vpin} (ready {f.VpinReady}) on buckets of {f.VpinBucketVolume}, {trades[f.Symbol]} trades"));
    }
}
