namespace FlowSense.Feeds.Replay;

/// <summary>
/// Receive times for a replay that stamps them with <see cref="ReplayOptions.ReceiveClock"/>: the clock is read once
/// before a chunk of units is decoded, and the chunk's events share that stamp. A chunk is what one call of the reader
/// decodes (the events a paced replay finds due at a tick), cut after <see cref="UnitsPerStamp"/> units and whenever the
/// reader has read its stream since the stamp. Reading the clock per event cost a clock_gettime each (4 % of the
/// whole pipeline's CPU at a million events per second); per chunk it costs next to nothing.
/// </summary>
/// <remarks>
/// A shared stamp is never later than the moment its event was decoded, so latency measured from it can only be
/// overstated, never understated, and by little: the decoding of at most <see cref="UnitsPerStamp"/> units (some
/// microseconds), not a stream read (a file read, or a synthetic stream rendering a buffer's worth of frames), since
/// a read ends the chunk. Not thread-safe: the reader's one thread uses it.
/// </remarks>
internal sealed class ReceiveStamps(Func<long> clock)
{
    /// <summary>The most units one clock read serves: bounds how early a stamp can be at full speed (large chunks).</summary>
    public const int UnitsPerStamp = 64;

    private long _stamp;
    private int _unitsLeft;
    private long _streamPosition = -1;

    /// <summary>Ends the chunk: the next unit reads the clock afresh.</summary>
    public void StartChunk() => _unitsLeft = 0;

    /// <summary>
    /// The receive time of the unit about to be decoded: the chunk's stamp, or a fresh one when the chunk is new, has
    /// served <see cref="UnitsPerStamp"/> units, or the reader's stream has moved from <paramref name="streamPosition"/>
    /// (its bytes read so far) since the stamp was taken.
    /// </summary>
    public long Next(long streamPosition)
    {
        if (_unitsLeft == 0 || streamPosition != _streamPosition)
        {
            _stamp = clock();
            _unitsLeft = UnitsPerStamp;
            _streamPosition = streamPosition;
        }
        _unitsLeft--;
        return _stamp;
    }
}
