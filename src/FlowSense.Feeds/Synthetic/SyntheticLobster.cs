using System.Buffers.Text;
using FlowSense.Feeds.Lobster;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Synthetic;

/// <summary>
/// Synthetic LOBSTER volume for load tests: a recorded message file repeated pass after pass as LOBSTER text, with
/// order ids shifted so passes never share an order, times that advance by a fixed spacing per row from the open, and
/// each pass closed by deleting the orders still resting (so the book does not grow from pass to pass). The text goes
/// through the real LOBSTER reader and session, so a replay of it costs what a replay of a recorded file costs.
/// LOBSTER files hold one instrument, so this is the single-symbol load; <see cref="SyntheticItch"/> spreads over many.
/// </summary>
/// <remarks>
/// Times and ids are zero-padded to a fixed width (the reader accepts leading zeros), so every pass is the same
/// number of bytes and the stream's length, the replay's progress total, is exact.
/// </remarks>
public sealed class SyntheticLobster
{
    private const long OpenNs = 9L * 3600 * 1_000_000_000 + 30L * 60 * 1_000_000_000; // 09:30, where LOBSTER days start
    private const int SecondsDigits = 9; // the reader's limit
    private const int IdDigits = 15;
    private static readonly System.Buffers.StandardFormat Nanoseconds = new('D', 9);
    private static readonly System.Buffers.StandardFormat Seconds = new('D', SecondsDigits);

    private readonly Row[] _rows;

    private SyntheticLobster(Row[] rows, long idStride, LobsterSession session, TimeSpan spacing)
    {
        _rows = rows;
        IdStride = idStride;
        Session = session;
        MessageSpacing = spacing;
    }

    /// <param name="messagePath">A LOBSTER message file.</param>
    /// <param name="session">The instrument and day the rows are for.</param>
    /// <param name="messageSpacing">Time between consecutive rows; 1 µs when null.</param>
    public static SyntheticLobster FromSample(string messagePath, LobsterSession session, TimeSpan? messageSpacing = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var spacing = messageSpacing ?? TimeSpan.FromMicroseconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(spacing, TimeSpan.Zero, nameof(messageSpacing));
        List<LobsterMessage> messages;
        using (var reader = LobsterMessageReader.Open(messagePath))
            messages = reader.ReadAll();
        if (messages.Count == 0)
            throw new InvalidDataException($"{messagePath} has no well-formed LOBSTER row.");

        var resting = new Dictionary<long, LobsterMessage>();
        foreach (var m in messages)
            Track(resting, m);
        // Close the pass in id order, so every pass is the same text.
        var closing = resting.Values.OrderBy(m => m.OrderId).Select(m => m with { Type = LobsterMessageType.Deletion });
        var rows = messages.Concat(closing).Select(Row.Of).ToArray();
        long stride = messages.Max(m => Math.Abs(m.OrderId)) + 1;
        return new SyntheticLobster(rows, stride, session, spacing);
    }

    public LobsterSession Session { get; }

    public TimeSpan MessageSpacing { get; }

    /// <summary>Rows per pass (the file's, plus the closing deletes).</summary>
    public int RowsPerPass => _rows.Length;

    /// <summary>Added to every order id once per pass.</summary>
    public long IdStride { get; }

    /// <summary>Events one pass maps to (a visible execution is an order event and a trade).</summary>
    public long EventsPerPass => _rows.Sum(r => r.Type == LobsterMessageType.VisibleExecution ? 2 : 1);

    /// <summary>The longest run before the seconds column would pass LOBSTER's nine digits or the ids their fixed width.</summary>
    public long MaxPasses => Math.Min((999_999_999L * 1_000_000_000 - OpenNs) / (_rows.Length * SpacingNs), 999_999_999_999_999L / IdStride - 1);

    /// <summary>Bytes per pass: every row has a fixed width.</summary>
    private long PassLength => _rows.Sum(r => SecondsDigits + 1 + 9 + r.TypeText.Length + IdDigits + r.Rest.Length);

    /// <summary>A fresh stream of <paramref name="passes"/> passes of LOBSTER text.</summary>
    public Stream Open(long passes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(passes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(passes, MaxPasses);
        return new TextStream(this, passes);
    }

    /// <summary>A replay of <paramref name="passes"/> passes.</summary>
    public ReplaySource Replay(long passes, ReplayOptions? options = null) =>
        ReplaySource.Lobster(() => Open(passes), Session, options);

    private long SpacingNs => MessageSpacing.Ticks * 100;

    private static void Track(Dictionary<long, LobsterMessage> resting, in LobsterMessage m)
    {
        switch (m.Type)
        {
            case LobsterMessageType.Submission:
                resting[m.OrderId] = m;
                break;
            case LobsterMessageType.Cancellation or LobsterMessageType.VisibleExecution:
                if (resting.TryGetValue(m.OrderId, out var order))
                {
                    if (order.Size <= m.Size)
                        resting.Remove(m.OrderId);
                    else
                        resting[m.OrderId] = order with { Size = order.Size - m.Size };
                }
                break;
            case LobsterMessageType.Deletion:
                resting.Remove(m.OrderId);
                break;
        }
    }

    /// <summary>One row of the pass: what varies (time, id) is written per pass; the rest is pre-rendered text.</summary>
    private readonly record struct Row(LobsterMessageType Type, long OrderId, byte[] TypeText, byte[] Rest)
    {
        public static Row Of(LobsterMessage m) => new(m.Type, m.OrderId,
            System.Text.Encoding.ASCII.GetBytes($",{(int)m.Type},"),
            System.Text.Encoding.ASCII.GetBytes(FormattableString.Invariant($",{m.Size},{m.Price},{(m.Direction == Side.Bid ? 1 : -1)}\n")));

        /// <summary>Writes the id, shifted for the pass, in <see cref="IdDigits"/> characters.</summary>
        public int WriteId(long pass, long stride, Span<byte> destination)
        {
            // Cross trades carry LOBSTER's negative auction ids (-1 opening, ...), which stay as they are.
            if (OrderId < 0)
            {
                destination[0] = (byte)'-';
                Utf8Formatter.TryFormat(-OrderId, destination[1..], out int n, new System.Buffers.StandardFormat('D', IdDigits - 1));
                return n + 1;
            }
            Utf8Formatter.TryFormat(OrderId + pass * stride, destination, out int written, new System.Buffers.StandardFormat('D', IdDigits));
            return written;
        }
    }

    /// <summary>The text of the passes, rendered row by row as it is read.</summary>
    private sealed class TextStream(SyntheticLobster synthetic, long passes) : GeneratedStream(MaxRow)
    {
        private const int MaxRow = 128; // time 19, type 3, id 15, and size, price, direction
        private long _pass;
        private int _row;

        public override long Length { get; } = passes * synthetic.PassLength;

        protected override bool HasNext => _pass < passes;

        protected override int RenderNext(Span<byte> destination)
        {
            var rows = synthetic._rows;
            ref readonly var row = ref rows[_row];
            long timeNs = OpenNs + (_pass * rows.Length + _row) * synthetic.SpacingNs;
            Utf8Formatter.TryFormat(timeNs / 1_000_000_000, destination, out int n, Seconds);
            destination[n++] = (byte)'.';
            Utf8Formatter.TryFormat(timeNs % 1_000_000_000, destination[n..], out int fraction, Nanoseconds);
            n += fraction;
            row.TypeText.CopyTo(destination[n..]);
            n += row.TypeText.Length;
            n += row.WriteId(_pass, synthetic.IdStride, destination[n..]);
            row.Rest.CopyTo(destination[n..]);
            n += row.Rest.Length;
            if (++_row == rows.Length)
            {
                _row = 0;
                _pass++;
            }
            return n;
        }
    }
}
