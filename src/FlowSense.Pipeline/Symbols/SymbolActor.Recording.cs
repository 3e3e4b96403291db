using FlowSense.Actors;
using FlowSense.Feeds.Replay;
using FlowSense.Pipeline.Recording;
using Microsoft.Extensions.Logging;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// The time-series side of a symbol actor (when given a <see cref="SeriesRecording"/>). Every applied event is
/// offered to the recorder; when the writer refuses a row (its bounded buffer is full), the actor treats it like a
/// subscriber without credit: the slice's acknowledgement is withheld and later slices are held, in order, until
/// <see cref="ISeriesWriter.WaitToWriteAsync"/> completes (piped back as a message, so the actor's thread never
/// waits). A slow or absent database thus slows ingestion through the acknowledgements, and nothing is lost.
/// </summary>
public sealed partial class SymbolActor
{
    private readonly SymbolRecorder? _recorder;
    private bool _waitingForSeries;

    /// <summary>True while rows wait for room in the writer: acknowledgements are withheld, new slices held.</summary>
    private bool SeriesBlocked => _waitingForSeries || _recorder?.MustWait == true;

    /// <summary>Offers the rows of an event just applied; <paramref name="latestBeforeNs"/> is the latest exchange time applied before it.</summary>
    private void Record(in MarketEvent e, long latestBeforeNs) =>
        _recorder?.OnApplied(e, latestBeforeNs, _entry.Counters.Applied, _state);

    private void RecordClosedBars() => _recorder?.OnBarsClosed(_state.Instrument.Id, _state.ClosedBars);

    /// <summary>After a slice: if a row was refused, starts waiting for room (once). True while blocked.</summary>
    private bool WaitForSeriesIfRefused()
    {
        if (_recorder is null || !_recorder.MustWait)
            return _waitingForSeries;
        _recorder.Resumed();
        if (_waitingForSeries)
            return true;
        _waitingForSeries = true;
        IActorRef self = Self;
        object incarnation = _incarnation;
        _ = WaitAsync(_recorder.Writer, self, incarnation);
        return true;

        static async Task WaitAsync(ISeriesWriter writer, IActorRef self, object incarnation)
        {
            Exception? error = null;
            try
            {
                await writer.WaitToWriteAsync(CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // handed to the actor, which logs it and tries again
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = ex;
            }
            self.Tell(new SeriesWritable(incarnation, error), self);
        }
    }

    private void OnSeriesWritable(SeriesWritable writable)
    {
        if (writable.Incarnation != _incarnation)
            return;
        _waitingForSeries = false;
        if (writable.Error is not null)
        {
            // The rows are still kept by the writer; wait again rather than release acknowledgements early.
            Logger.LogWarning(writable.Error, "{Entity}: waiting for the time-series writer failed; waiting again", _entry.EntityId);
            _recorder!.Blocked();
            WaitForSeriesIfRefused();
            return;
        }
        Drain();
    }

    private sealed record SeriesWritable(object Incarnation, Exception? Error);
}
