using System.Globalization;
using FlowSense.Actors.Streams;
using FlowSense.Feeds.Binance;
using FlowSense.Feeds.Bitstamp;
using FlowSense.Feeds.Coinbase;
using FlowSense.Feeds.Itch;
using FlowSense.Feeds.Kraken;
using FlowSense.Feeds.Lean;
using FlowSense.Feeds.Replay;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Node.Configuration;
using FlowSense.Node.Connectors;
using FlowSense.Pipeline.Symbols;
using Quarantine = FlowSense.Feeds.Quarantine.Quarantine;

namespace FlowSense.Node.Replays;

/// <summary>
/// Turns a configured replay (<see cref="ReplaySourceOptions"/>) into a <see cref="ReplayConnector"/>: the
/// <see cref="ReplaySource"/> of its format, paced as configured, and the instruments it carries with their scales.
/// Instruments are found by a discovery pass at full speed over the file before the run (tens of milliseconds for the
/// shipped files), because some venues only reveal a pair's precision in its first message (Kraken). The same single
/// pass sums each instrument's traded volume (<see cref="TradedVolume"/>), from which VPIN buckets are sized; for LEAN
/// only the trade file is read for it (the quotes are not needed).
/// </summary>
internal static class ReplayFactory
{
    public static async Task<ReplayConnector> CreateAsync(
        string name, ReplaySourceOptions options, NodeConfiguration configuration, CancellationToken cancellationToken)
    {
        double? speed = SpeedSetting.Combine(configuration.Node.Replay.Speed, options.Speed);
        var quarantine = new Quarantine();
        var replayOptions = new ReplayOptions
        {
            BatchSize = configuration.Node.Replay.BatchSize,
            Pace = speed is { } s ? ReplayPace.Recorded(s) : ReplayPace.AsFastAsPossible,
            Quarantine = quarantine,
        };
        string format = options.Format!.ToLowerInvariant();
        switch (format)
        {
            case ReplayFormats.Lean:
            {
                var id = new InstrumentId(options.Venue ?? "USA", options.Symbol!);
                var source = ReplaySource.Lean(configuration.ResolvePath(options.Trades!), configuration.ResolvePath(options.Quotes!), id, replayOptions);
                Instrument instrument = new(id, LeanDataReader.PriceDecimals, 1, 0);
                var traded = new TradedVolume();
                foreach (LeanTradeTick tick in LeanDataReader.ReadTradeTicks(configuration.ResolvePath(options.Trades!), id, new LeanReadReport()))
                    traded.Add(tick.Trade.Header.ExchangeTimeNs, tick.Trade.Size);
                return new ReplayConnector(name, format, source, quarantine, [instrument], BookType.L1,
                    new Dictionary<InstrumentId, TradedVolume> { [id] = traded });
            }
            case ReplayFormats.Capture:
            {
                string file = configuration.ResolvePath(options.File!);
                string venue = options.Venue!.ToLowerInvariant();
                var (instruments, traded) = await DiscoverCaptureAsync(file, venue, cancellationToken).ConfigureAwait(false);
                var source = ReplaySource.Capture(file, (sink, q) => Codec(venue, sink, q), replayOptions);
                return new ReplayConnector(name, format, source, quarantine, instruments, BookType.L2, traded);
            }
            case ReplayFormats.Itch:
            {
                string file = configuration.ResolvePath(options.File!);
                var date = DateOnly.ParseExact(options.Date!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var discovery = ReplaySource.Itch(file, date);
                var traded = await DiscoverAsync(discovery, cancellationToken).ConfigureAwait(false);
                var source = ReplaySource.Itch(file, date, replayOptions);
                return new ReplayConnector(name, format, source, quarantine,
                    [.. Ordered(traded.Keys).Select(id => new Instrument(id, ItchEventTranslator.PriceDecimals, 1, 0))], BookType.L3, traded);
            }
            default:
                throw new InvalidOperationException($"Replay format '{options.Format}' passed validation but has no factory.");
        }
    }

    /// <summary>The codec of a capture venue.</summary>
    public static IVenueCodec Codec(string venue, IMarketEventSink sink, Quarantine quarantine) => venue switch
    {
        "binance" => new BinanceCodec(sink, quarantine),
        "coinbase" => new CoinbaseCodec(sink, quarantine),
        "kraken" => new KrakenCodec(sink, quarantine),
        "bitstamp" => new BitstampCodec(sink, quarantine),
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "Not a capture venue."),
    };

    private static async Task<(IReadOnlyList<Instrument>, IReadOnlyDictionary<InstrumentId, TradedVolume>)> DiscoverCaptureAsync(
        string file, string venue, CancellationToken cancellationToken)
    {
        IVenueCodec? codec = null;
        var discovery = ReplaySource.Capture(file, (sink, q) => codec = Codec(venue, sink, q));
        var traded = await DiscoverAsync(discovery, cancellationToken).ConfigureAwait(false);
        return ([.. Ordered(traded.Keys).Select(id => VenueScales.Of(id, codec is KrakenCodec kraken ? kraken.Pair : _ => null))], traded);
    }

    /// <summary>One pass over a replay: every instrument it carries, with what it traded.</summary>
    private static async Task<Dictionary<InstrumentId, TradedVolume>> DiscoverAsync(ReplaySource discovery, CancellationToken cancellationToken)
    {
        var traded = new Dictionary<InstrumentId, TradedVolume>();
        await discovery.Source.RunWith(Sink.ForEach<EventBatch>(batch =>
        {
            foreach (ref readonly MarketEvent e in batch.Events)
            {
                if (!traded.TryGetValue(e.Header.Instrument, out TradedVolume? volume))
                    traded.Add(e.Header.Instrument, volume = new TradedVolume());
                if (e.Kind == MarketEventKind.Trade)
                    volume.Add(e.Header.ExchangeTimeNs, e.AsTrade().Size);
            }
        })).Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        return traded;
    }

    private static IEnumerable<InstrumentId> Ordered(IEnumerable<InstrumentId> ids) =>
        ids.OrderBy(i => i.Venue, StringComparer.Ordinal).ThenBy(i => i.Symbol, StringComparer.Ordinal);
}
