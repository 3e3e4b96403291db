using FlowSense.Feeds.Itch;

namespace FlowSense.Feeds.Synthetic;

/// <summary>
/// The bytes of a synthetic ITCH session, generated as they are read: a Stock Directory message per synthetic symbol,
/// then <c>passes</c> repetitions of an <see cref="ItchPassScript"/>, each frame copied from the template and patched
/// (locate, timestamp, order references).
/// </summary>
internal sealed class SyntheticItchStream : GeneratedStream
{
    private readonly ItchPassScript _script;
    private readonly byte[][] _directories;
    private readonly long _passes;
    private readonly long _spacingNs;
    private int _directory;
    private long _pass;
    private int _passGroup; // _pass % the script's groups
    private int _frame;

    public SyntheticItchStream(ItchPassScript script, long passes, long spacingNs)
        : base(ItchFraming.PrefixLength + byte.MaxValue)
    {
        _script = script;
        _passes = passes;
        _spacingNs = spacingNs;
        _directories = [.. Enumerable.Range(0, script.SymbolCount).Select(script.DirectoryFrame)];
        Length = _directories.Sum(d => (long)d.Length) + passes * script.Template.Length;
    }

    public override long Length { get; }

    protected override bool HasNext => _pass < _passes || _directory < _directories.Length;

    protected override int RenderNext(Span<byte> destination)
    {
        if (_directory < _directories.Length)
        {
            var directory = _directories[_directory++];
            directory.CopyTo(destination);
            return directory.Length;
        }
        var frames = _script.Frames;
        ref readonly var frame = ref frames[_frame];
        _script.Render(frame, _pass, _passGroup, (_pass * frames.Length + _frame) * _spacingNs, destination);
        if (++_frame == frames.Length)
        {
            _frame = 0;
            _pass++;
            _passGroup = _passGroup + 1 == _script.Groups ? 0 : _passGroup + 1;
        }
        return frame.Length;
    }
}
