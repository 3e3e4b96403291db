namespace FlowSense.Feeds.Replay;

/// <summary>What a replay's progress position counts.</summary>
public enum ReplayUnit : byte
{
    /// <summary>Bytes of the file read (compressed bytes for a gzip capture).</summary>
    Bytes = 1,
    /// <summary>Rows of the files read (LEAN zips, whose decompressed bytes the reader does not expose).</summary>
    Rows = 2,
}
