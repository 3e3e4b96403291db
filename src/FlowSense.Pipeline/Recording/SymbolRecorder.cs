using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Recording;

/// <summary>
/// Turns one symbol's applied events into time-series rows for its <see cref="ISeriesWriter"/>: every applied trade
/// and quote, every closed bar, and a book-top and a features sample after the first applied event of each new
/// exchange-time interval. Rows are a pure function of the event stream and the symbol's snapshot, so a resumed run
/// offers exactly the rows of an uninterrupted one (the sinks absorb the re-offered ones as duplicates).
/// Owned by one symbol actor; no allocation per row (the level arrays are reused, the writer copies them).
/// </summary>
/// <remarks>
/// <b>Unique keys.</b> Trades and quotes are keyed by (venue, symbol, exchange time, sequence). Where a source has no
/// per-event sequence (Kraken, Bitstamp and Binance trades carry 0, and several trades can share a timestamp) the row's
/// sequence is the symbol's applied-event ordinal instead: unique per instrument, and the same in a resumed run,
/// because the count is restored from the snapshot with the state.
/// </remarks>
internal sealed class SymbolRecorder
{
    private readonly SeriesRecording _recording;
    private readonly ISeriesWriter _writer;
    private readonly long _bookTopNs, _featuresNs;
    private readonly TopLevelBuffer _topLevels;

    public SymbolRecorder(SeriesRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        _recording = recording;
        _writer = recording.Writer;
        _bookTopNs = recording.BookTopInterval is { } b ? b.Ticks * TimeSpan.NanosecondsPerTick : 0;
        _featuresNs = recording.FeaturesInterval is { } f ? f.Ticks * TimeSpan.NanosecondsPerTick : 0;
        _topLevels = new TopLevelBuffer(recording.BookTopDepth);
    }

    public ISeriesWriter Writer => _writer;

    /// <summary>True once a write was refused: the actor must wait for <see cref="ISeriesWriter.WaitToWriteAsync"/>.</summary>
    public bool MustWait { get; private set; }

    /// <summary>The actor has started waiting for room: later refusals start no second wait.</summary>
    public void Resumed() => MustWait = false;

    /// <summary>Waiting failed: the actor must wait again before offering more.</summary>
    public void Blocked() => MustWait = true;

    /// <summary>
    /// Records an event <paramref name="state"/> has just applied.
    /// </summary>
    /// <param name="e">The event.</param>
    /// <param name="latestBeforeNs">The latest exchange time the symbol had applied before it.</param>
    /// <param name="ordinal">The symbol's count of applied events, this one included.</param>
    /// <param name="state">The state after the event.</param>
    public void OnApplied(in MarketEvent e, long latestBeforeNs, long ordinal, SymbolState state)
    {
        switch (e.Kind)
        {
            case MarketEventKind.Trade when _recording.Trades:
                Trade trade = e.AsTrade();
                Offer(_writer.TryWriteTrade(trade with { Header = Keyed(trade.Header, ordinal) }));
                break;
            case MarketEventKind.Quote when _recording.Quotes:
                Quote quote = e.AsQuote();
                Offer(_writer.TryWriteQuote(quote with { Header = Keyed(quote.Header, ordinal) }));
                break;
        }

        long timeNs = e.Header.ExchangeTimeNs;
        if (ordinal == 1)
            latestBeforeNs = ExchangeTimeSampling.NothingBefore;
        if (_bookTopNs > 0 && ExchangeTimeSampling.OpensInterval(timeNs, latestBeforeNs, _bookTopNs))
        {
            LevelView levels = _topLevels.Read(state.Book, _topLevels.Columns ?? stackalloc long[4 * _topLevels.Depth]);
            Offer(_writer.TryWriteBookTop(Keyed(e.Header, ordinal), levels));
        }
        if (_featuresNs > 0 && ExchangeTimeSampling.OpensInterval(timeNs, latestBeforeNs, _featuresNs))
        {
            // Stamped with the sampled event's time, not the features' last update (an incomplete L2 message does not
            // update them): one row per interval, so (venue, symbol, time) is unique.
            Offer(_writer.TryWriteFeatures(state.Instrument.Id, state.Features.Snapshot() with { TimeNs = timeNs }));
        }
    }

    /// <summary>Records bars closed since the last call (every time frame).</summary>
    public void OnBarsClosed(InstrumentId instrument, IReadOnlyList<(TimeFrame TimeFrame, Bar Bar)> closed)
    {
        if (!_recording.Bars)
            return;
        for (int i = 0; i < closed.Count; i++)
            Offer(_writer.TryWriteBar(instrument, closed[i].TimeFrame, closed[i].Bar));
    }

    private void Offer(bool taken) => MustWait |= !taken;

    private static EventHeader Keyed(in EventHeader header, long ordinal) =>
        header.Sequence != 0 ? header : header with { Sequence = ordinal };
}
