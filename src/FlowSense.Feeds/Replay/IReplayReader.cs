namespace FlowSense.Feeds.Replay;

/// <summary>
/// A recorded source read one input unit (a message, a row, a line) per call, its events going to the sink it was
/// opened with. Pull-based on purpose: the replay loop reads only when downstream asks for the next batch, so
/// nothing is read ahead beyond the current batch and the reader's own file buffer.
/// </summary>
internal interface IReplayReader : IDisposable
{
    /// <summary>Reads the next unit (which may yield no event: a directory message, a heartbeat, a rejected row); false at the end.</summary>
    bool ReadNext();

    /// <summary>
    /// Reads units until <paramref name="sink"/> (the one the reader was opened with) holds at least
    /// <paramref name="events"/> events; false at the end. A free-running or rate-paced replay calls this rather than
    /// <see cref="ReadNext"/>, so its bookkeeping is paid per batch.
    /// </summary>
    bool ReadUntil(EventBatchSink sink, int events)
    {
        while (sink.Count < events)
        {
            if (!ReadNext())
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
