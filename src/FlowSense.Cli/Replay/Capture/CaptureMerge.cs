using FlowSense.Feeds.Capture;

namespace FlowSense.Cli.Replay.Capture;

/// <summary>One line of a recording, copied out of its reader so several recordings can be merged.</summary>
internal sealed record CapturedLine(string File, long Line, long ReceiveTimeNs, CaptureLineKind Kind, byte[] Url, byte[] Payload);

/// <summary>
/// Several capture files of one session (a venue's websocket recording and its REST snapshots) read as the session
/// happened: merged by receive time, ties in the order the files were given. Lines a reader cannot parse are counted
/// and quarantined by the <see cref="CaptureReader"/>s.
/// </summary>
internal sealed class CaptureMerge : IDisposable
{
    private readonly List<(string Name, FileStream Stream, CaptureReader Reader)> _files = [];
    private readonly CapturedLine?[] _heads;

    public CaptureMerge(IReadOnlyList<string> paths, Feeds.Quarantine.Quarantine quarantine)
    {
        foreach (string path in paths)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            _files.Add((Path.GetFileName(path), stream, new CaptureReader(stream, "capture:" + Path.GetFileName(path), quarantine)));
        }
        _heads = new CapturedLine?[_files.Count];
        for (int i = 0; i < _files.Count; i++)
            _heads[i] = ReadFrom(i);
        Length = _files.Sum(f => f.Stream.Length);
    }

    /// <summary>Bytes in all files.</summary>
    public long Length { get; }

    /// <summary>Bytes read so far (as far as the readers' buffers have got).</summary>
    public long Position => _files.Sum(f => f.Stream.Position);

    /// <summary>Lines no capture form matched, or too long to keep, over all files.</summary>
    public long Unreadable => _files.Sum(f => f.Reader.Stats.Unrecognized + f.Reader.Stats.TooLong);

    public bool TryRead(out CapturedLine line)
    {
        int next = -1;
        for (int i = 0; i < _heads.Length; i++)
        {
            if (_heads[i] is { } head && (next < 0 || head.ReceiveTimeNs < _heads[next]!.ReceiveTimeNs))
                next = i;
        }
        if (next < 0)
        {
            line = null!;
            return false;
        }
        line = _heads[next]!;
        _heads[next] = ReadFrom(next);
        return true;
    }

    private CapturedLine? ReadFrom(int file)
    {
        (string name, _, CaptureReader reader) = _files[file];
        return reader.TryRead(out CaptureRecord r)
            ? new CapturedLine(name, r.LineNumber, r.ReceiveTimeNs, r.Kind, r.Url.ToArray(), r.Payload.ToArray())
            : null;
    }

    public void Dispose()
    {
        foreach (var file in _files)
            file.Reader.Dispose();
    }
}
