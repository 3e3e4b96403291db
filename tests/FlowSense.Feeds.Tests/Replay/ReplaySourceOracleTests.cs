using FlowSense.Feeds.Binance;
using FlowSense.Feeds.Coinbase;
using FlowSense.Feeds.Itch;
using FlowSense.Feeds.Lean;
using FlowSense.Feeds.Replay;
using FlowSense.Feeds.Venues;
using FlowSense.Feeds.Tests.Capture;
using FlowSense.Feeds.Tests.Lobster;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Replay;

/// <summary>
/// Each replay source yields exactly the events its codec yields when read directly, in the same order, and the
/// counts match the oracles recorded with the shared data (RITCH's ITCH counts, LOBSTER's 999 rows).
/// </summary>
public sealed class ReplaySourceOracleTests
{
    private static readonly DateOnly ItchDay = new(2010, 12, 24);
    private static readonly InstrumentId Ibm = new("USA", "IBM");

    [Fact]
    public async Task Itch_replay_yields_the_translator_events_and_the_RITCH_counts()
    {
        string path = SharedData.File("itch", "ex20101224.TEST_ITCH_50");
        var direct = ReplayRun.Direct(sink =>
        {
            var translator = new ItchEventTranslator(sink, ItchEventTranslator.MidnightUtcNs(ItchDay));
            using var file = File.OpenRead(path);
            Assert.True(new ItchStreamReader("itch:direct", new Quarantine.Quarantine()).ReadAll(file, ref translator));
        });

        var replay = ReplaySource.Itch(path, ItchDay, new ReplayOptions { BatchSize = 100 });
        var replayed = await ReplayRun.Events(replay);

        Assert.Equal(direct, replayed);
        var kinds = ReplayRun.CountByKind(replayed);
        // RITCH: A 4997 + F 3 adds, E 198, X 45, D 1745, U 12 → 7000 order events; P 5000 trades; H 3 halts/resumes.
        Assert.Equal(5000, replayed.Count(e => e.Kind == MarketEventKind.Order && e.AsOrder().Action == OrderAction.Add));
        Assert.Equal(7000, kinds[MarketEventKind.Order]);
        Assert.Equal(5000, kinds[MarketEventKind.Trade]);
        Assert.Equal(3, kinds[MarketEventKind.Status]);
        var progress = replay.Counters.Snapshot();
        Assert.True(progress.IsComplete);
        Assert.Equal(new FileInfo(path).Length, progress.Done);
        Assert.Equal(progress.Total, progress.Done);
        Assert.Equal(0, progress.Rejected);
        Assert.Equal(replayed.Count, progress.Events);
    }

    [Fact]
    public async Task Lobster_replay_maps_all_999_rows_as_the_session_does()
    {
        var session = LobsterSample.Session;
        var direct = ReplayRun.Direct(sink =>
        {
            foreach (var m in LobsterSample.Messages)
            {
                var e = session.Map(m);
                if (e.HasOrder) sink.OnOrder(e.Order);
                if (e.HasTrade) sink.OnTrade(e.Trade);
                if (e.HasStatus) sink.OnStatus(e.Status);
            }
        });

        var replay = ReplaySource.Lobster(LobsterSample.Path(LobsterSample.MessageFile), session, new ReplayOptions { BatchSize = 64 });
        var replayed = await ReplayRun.Events(replay);

        Assert.Equal(999, LobsterSample.Messages.Count);
        Assert.Equal(direct, replayed);
        Assert.Equal(999, replayed.Select(e => e.Header.Sequence).Distinct().Count()); // every row contributed
        Assert.Equal(0, replay.Counters.Snapshot().Rejected);
    }

    [Fact]
    public async Task Lean_replay_merges_the_IBM_trade_and_quote_ticks_by_time()
    {
        string trades = SharedData.File("equity-ticks", "tick", "20131007_trade.zip");
        string quotes = SharedData.File("equity-ticks", "tick", "20131007_quote.zip");
        var tradeReport = new LeanReadReport();
        var quoteReport = new LeanReadReport();
        var directTrades = LeanDataReader.ReadTradeTicks(trades, Ibm, tradeReport).Select(t => t.Trade).ToList();
        var sides = new LeanQuoteSides();
        var directQuotes = LeanDataReader.ReadQuoteTicks(quotes, Ibm, quoteReport).Select(q => sides.Complete(q.Quote)).ToList();

        var replay = ReplaySource.Lean(trades, quotes, Ibm);
        var replayed = await ReplayRun.Events(replay);

        Assert.Equal(directTrades, replayed.Where(e => e.Kind == MarketEventKind.Trade).Select(e => e.AsTrade()));
        Assert.Equal(directQuotes, replayed.Where(e => e.Kind == MarketEventKind.Quote).Select(e => e.AsQuote()));
        Assert.True(directTrades.Count > 1000 && directQuotes.Count > 1000, $"{directTrades.Count} trades, {directQuotes.Count} quotes");
        for (int i = 1; i < replayed.Count; i++)
            Assert.True(replayed[i - 1].Header.ExchangeTimeNs <= replayed[i].Header.ExchangeTimeNs, $"event {i} goes back in time");
        var progress = replay.Counters.Snapshot();
        Assert.Equal(ReplayUnit.Rows, progress.Unit);
        Assert.Equal(tradeReport.Rows + quoteReport.Rows, progress.Total);
        Assert.Equal(progress.Total, progress.Done);
        Assert.Equal(tradeReport.MalformedCount + quoteReport.MalformedCount, progress.Rejected);
    }

    [Theory]
    [InlineData("BINANCE.ws.1.0")]
    [InlineData("COINBASE.ws.28.0")]
    public async Task Capture_replay_yields_what_the_venue_codec_yields_fed_directly(string capture)
    {
        Func<IMarketEventSink, Quarantine.Quarantine, IVenueCodec> codecFor = capture.StartsWith("BINANCE", StringComparison.Ordinal)
            ? (sink, q) => new BinanceCodec(sink, q)
            : (sink, q) => new CoinbaseCodec(sink, q);
        var direct = ReplayRun.Direct(sink => CaptureReplay.Feed(capture, codecFor(sink, new Quarantine.Quarantine())));

        var replay = ReplaySource.Capture(CaptureReplay.CryptoFile(capture), codecFor, new ReplayOptions { BatchSize = 32 });
        var replayed = await ReplayRun.Events(replay);

        Assert.NotEmpty(direct);
        Assert.Equal(direct, replayed);
        Assert.Equal(new FileInfo(CaptureReplay.CryptoFile(capture)).Length, replay.Counters.Snapshot().Done);
    }

    [Fact]
    public async Task A_source_replays_from_the_start_each_time_it_is_materialized()
    {
        var replay = ReplaySource.Lobster(LobsterSample.Path(LobsterSample.MessageFile), LobsterSample.Session);
        var first = await ReplayRun.Events(replay);
        var second = await ReplayRun.Events(replay);
        Assert.Equal(first, second);
        Assert.Equal(second.Count, replay.Counters.Snapshot().Events);
    }

    [Fact]
    public async Task Unreadable_ITCH_bytes_are_counted_not_lost()
    {
        string path = Path.Combine(Path.GetTempPath(), $"replay-bad-{Guid.NewGuid():N}.itch");
        try
        {
            var bytes = File.ReadAllBytes(SharedData.File("itch", "ex20101224.TEST_ITCH_50"));
            File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 7).ToArray()); // cut inside the last frame
            var quarantine = new Quarantine.Quarantine();
            var replay = ReplaySource.Itch(path, ItchDay, new ReplayOptions { Quarantine = quarantine });
            await ReplayRun.Events(replay);
            Assert.Equal(1, replay.Counters.Snapshot().Rejected);
            Assert.Equal(1, quarantine.Total);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
