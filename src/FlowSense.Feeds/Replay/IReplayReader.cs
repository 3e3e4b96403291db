namespace FlowSense.Feeds.Replay;

/// <summary>
/// A recorded source read one input unit (a message, a row, a line) at a time, its events going to the sink it was
/// opened with. Pull-based on purpose: the replay loop reads only when downstream asks for the next batch, so
/// nothing is read ahead beyond the current batch and the reader's own file buffer. Units are read in chunks (one
/// <see cref="ReadNext"/> or <see cref="ReadUntil"/> call each), which is what a reader that stamps receive times
/// stamps once (<see cref="ReceiveStamps"/>).
/// </summary>
internal interface IReplayReader : IDisposable
{
    /// <summary>Reads the next unit as part of the current chunk (a unit may yield no event: a directory message, a heartbeat, a rejected row); false at the end.</summary>
    bool ReadUnit();

    /// <summary>Begins a chunk of units; readers that stamp receive times read their clock afresh for its first unit.</summary>
    void StartChunk()
    {
    }

    /// <summary>Reads the next unit as a chunk of its own; false at the end.</summary>
    bool ReadNext()
    {
        StartChunk();
        return ReadUnit();
    }

    /// <summary>
    /// Reads one chunk of units until <paramref name="sink"/> (the one the reader was opened with) holds at least
    /// <paramref name="events"/> events; false at the end. A free-running or rate-paced replay calls this rather than
    /// <see cref="ReadNext"/>, so its bookkeeping is paid per batch.
    /// </summary>
    bool ReadUntil(EventBatchSink sink, int events)
    {
        StartChunk();
        while (sink.Count < events)
        {
            if (!ReadUnit())
                return false;
        }
        return true;
    }

    /// <summary>What <see cref="Position"/> and <see cref="Length"/> count.</summary>
    ReplayUnit Unit { get; }

    /// <summary>Units consumed so far.</summary>
    long Position { get; }

    /// <summary>Units in the whole source.</summary>
    long Length { get; }

    /// <summary>Inputs refused so far (malformed rows, unframeable bytes, rejected messages), each also counted by its codec.</summary>
    long Rejected { get; }
}
