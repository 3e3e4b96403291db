using FlowSense.Actors.Streams;
using FlowSense.Feeds.Lobster;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Replay;

/// <summary>
/// A recorded market-data file as a stream source of <see cref="EventBatch"/>es, with the counters of its run.
/// Reading is demand-driven: the file is read only while downstream asks for the next batch. Each materialization of
/// <see cref="Source"/> replays the file from the start and restarts <see cref="Counters"/>.
/// </summary>
public sealed class ReplaySource
{
    private ReplaySource(Func<EventBatchSink, IReplayReader> open, ReplayOptions options)
    {
        if (options.ReceiveClock is not null && options.Pace.Speed is not null)
            throw new ArgumentException("A receive clock replaces the recorded receive times that a recorded pace follows.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options.BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ProgressInterval, TimeSpan.Zero, nameof(options.ProgressInterval));
        Options = options;
        Source = Actors.Streams.Source.FromAsyncEnumerable(ReplayLoop.Run(open, options, Counters));
    }

    public Source<EventBatch> Source { get; }

    /// <summary>Progress of the current or last run, readable at any time.</summary>
    public ReplayCounters Counters { get; } = new();

    public ReplayOptions Options { get; }

    /// <summary>A NASDAQ TotalView-ITCH 5.0 file of <paramref name="sessionDate"/>: order events, hidden and cross trades, halts.</summary>
    public static ReplaySource Itch(string path, DateOnly sessionDate, ReplayOptions? options = null) =>
        Itch(() => OpenSequential(path), Path.GetFileName(path), sessionDate, options);

    /// <summary>
    /// ITCH 5.0 from any stream (for example <see cref="Synthetic.SyntheticItch.Open"/>), opened afresh for each run and
    /// disposed at its end; <paramref name="name"/> names it in the quarantine.
    /// </summary>
    public static ReplaySource Itch(Func<Stream> open, string name, DateOnly sessionDate, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        var o = options ?? new ReplayOptions();
        var quarantine = o.Quarantine ?? new Quarantine.Quarantine();
        return new ReplaySource(sink => new ItchReplayReader(open(), name, sessionDate, sink, quarantine, o.ItchBufferSize, o.ReceiveClock), o);
    }

    /// <summary>A LOBSTER message file, mapped by <paramref name="session"/> (orders, executions as trades, halts).</summary>
    public static ReplaySource Lobster(string messagePath, LobsterSession session, ReplayOptions? options = null) =>
        Lobster(() => OpenSequential(messagePath), session, options);

    /// <summary>LOBSTER message rows from any stream (for example <see cref="Synthetic.SyntheticLobster.Open"/>), opened afresh for each run.</summary>
    public static ReplaySource Lobster(Func<Stream> open, LobsterSession session, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(session);
        var o = options ?? new ReplayOptions();
        return new ReplaySource(sink => new LobsterReplayReader(new CountingStream(open()), session, sink, o.ReceiveClock), o);
    }

    /// <summary>A day of LEAN tick data: the trade and quote zips of one instrument, merged by time.</summary>
    public static ReplaySource Lean(string tradeZip, string quoteZip, InstrumentId instrument, ReplayOptions? options = null) =>
        new(sink => new LeanReplayReader(tradeZip, quoteZip, instrument, sink), WithoutReceiveClock(options ?? new ReplayOptions()));

    /// <summary>
    /// A recorded websocket capture decoded by a venue codec, e.g.
    /// <c>ReplaySource.Capture(path, (sink, q) =&gt; new BinanceCodec(sink, q))</c>. The codec is made afresh for each run,
    /// with the run's batch sink and the replay's quarantine.
    /// </summary>
    public static ReplaySource Capture(string path, Func<IMarketEventSink, Quarantine.Quarantine, IVenueCodec> codecFor, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(codecFor);
        var o = WithoutReceiveClock(options ?? new ReplayOptions());
        var quarantine = o.Quarantine ?? new Quarantine.Quarantine();
        return new ReplaySource(sink => new CaptureReplayReader(path, codecFor(sink, quarantine), quarantine), o);
    }

    // The readers buffer for themselves: no FileStream buffer under theirs.
    private static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    // LEAN files and captures carry receive times of their own, which these readers keep.
    private static ReplayOptions WithoutReceiveClock(ReplayOptions options) => options.ReceiveClock is null
        ? options
        : throw new ArgumentException("Only ITCH and LOBSTER replays stamp a receive clock.", nameof(options));
}
