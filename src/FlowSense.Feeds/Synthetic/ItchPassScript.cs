using System.Buffers.Binary;
using FlowSense.Feeds.Itch;

namespace FlowSense.Feeds.Synthetic;

/// <summary>
/// One pass of synthetic ITCH, prepared once from a recorded sample: the sample's book and tape messages as a
/// template of frames, each with what varies from pass to pass (which synthetic symbol it goes to, its order
/// references, its timestamp), followed by a Delete for every order still resting at the sample's end, so that each
/// pass leaves the books as it found them and a long run keeps a flat memory profile.
/// </summary>
/// <remarks>
/// Symbols: the sample's stocks are each split into <see cref="Groups"/> synthetic symbols. An order, with everything
/// that later names it (executions, cancels, deletes, the replacements it turns into), goes to one group, chosen by
/// its chain and rotated by one group per pass. Each synthetic book is therefore a subset of one real book at every
/// moment, which keeps it as consistent as the sample itself (a subset of an uncrossed book is uncrossed).
/// </remarks>
internal sealed class ItchPassScript
{
    // Offsets inside an ITCH 5.0 message (the type byte is offset 0).
    private const int LocateOffset = 1;
    private const int TimestampOffset = 5;
    private const int ReferenceOffset = 11;
    private const int NewReferenceOffset = 19;
    private const int StockNameOffset = 11;
    private const int StockNameLength = 8;

    private ItchPassScript(byte[] template, Frame[] frames, byte[][] directories, string[] stocks, int groups, ulong referenceStride, long eventsPerPass)
    {
        Template = template;
        Frames = frames;
        Directories = directories;
        Stocks = stocks;
        Groups = groups;
        ReferenceStride = referenceStride;
        EventsPerPass = eventsPerPass;
    }

    /// <summary>Every frame of one pass, length prefixes included, as recorded (locates, references and times are patched per pass).</summary>
    public byte[] Template { get; }

    public Frame[] Frames { get; }

    /// <summary>The sample's Stock Directory message of each stock (by stock index), the model for its synthetic symbols' directories.</summary>
    public byte[][] Directories { get; }

    /// <summary>The sample's stock names, by stock index.</summary>
    public string[] Stocks { get; }

    /// <summary>Synthetic symbols per sample stock.</summary>
    public int Groups { get; }

    /// <summary>Added to every order reference once per pass: above the sample's largest, so passes never share an order.</summary>
    public ulong ReferenceStride { get; }

    /// <summary>Events the translator makes of one pass.</summary>
    public long EventsPerPass { get; }

    public int SymbolCount => Stocks.Length * Groups;

    /// <summary>
    /// The 0-based synthetic symbol a frame goes to in a pass whose rotation is <paramref name="passGroup"/>
    /// (the pass modulo <see cref="Groups"/>, kept by the caller so the hot path has no division); its locate is this plus one.
    /// </summary>
    public int SymbolOf(in Frame frame, int passGroup)
    {
        int group = frame.LaneGroup + passGroup;
        return frame.Stock * Groups + (group >= Groups ? group - Groups : group);
    }

    /// <summary>Writes the frame of <paramref name="frame"/> for <paramref name="pass"/> into <paramref name="destination"/>.</summary>
    public void Render(in Frame frame, long pass, int passGroup, long timestampNs, Span<byte> destination)
    {
        Template.AsSpan(frame.Offset, frame.Length).CopyTo(destination);
        var message = destination[ItchFraming.PrefixLength..];
        BinaryPrimitives.WriteUInt16BigEndian(message[LocateOffset..], (ushort)(SymbolOf(frame, passGroup) + 1));
        BinaryPrimitives.WriteUInt16BigEndian(message[TimestampOffset..], (ushort)(timestampNs >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(message[(TimestampOffset + 2)..], (uint)timestampNs);
        if (frame.References == 0)
            return;
        ulong shift = (ulong)pass * ReferenceStride;
        Shift(message[ReferenceOffset..], shift);
        if (frame.References == 2)
            Shift(message[NewReferenceOffset..], shift);
    }

    /// <summary>The Stock Directory message (framed) that binds synthetic symbol <paramref name="symbol"/> to its locate.</summary>
    public byte[] DirectoryFrame(int symbol)
    {
        int stock = symbol / Groups;
        var model = Directories[stock];
        var frame = new byte[ItchFraming.PrefixLength + model.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)model.Length);
        model.CopyTo(frame.AsSpan(ItchFraming.PrefixLength));
        var message = frame.AsSpan(ItchFraming.PrefixLength);
        BinaryPrimitives.WriteUInt16BigEndian(message[LocateOffset..], (ushort)(symbol + 1));
        message.Slice(TimestampOffset, 6).Clear();
        var name = message.Slice(StockNameOffset, StockNameLength);
        name.Fill((byte)' ');
        System.Text.Encoding.ASCII.GetBytes(SymbolName(stock, symbol % Groups), name);
        return frame;
    }

    /// <summary>"ALC" + group digits, cut to ITCH's eight characters; unique because the stock part keeps its own width.</summary>
    public string SymbolName(int stock, int group)
    {
        int digits = (Groups - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        string stem = Stocks[stock].Length + digits > StockNameLength ? Stocks[stock][..(StockNameLength - digits)] : Stocks[stock];
        return Groups == 1 ? Stocks[stock] : stem + group.ToString(new string('0', digits), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Shift(Span<byte> field, ulong shift) =>
        BinaryPrimitives.WriteUInt64BigEndian(field, BinaryPrimitives.ReadUInt64BigEndian(field) + shift);

    /// <summary>Scans <paramref name="sample"/> (a whole ITCH file) and prepares a pass for about <paramref name="symbols"/> synthetic symbols.</summary>
    public static ItchPassScript Build(ReadOnlySpan<byte> sample, int symbols)
    {
        var scan = new SampleScan();
        var remaining = sample;
        while (ItchFraming.TryReadFrame(remaining, out var message, out int length) is var status && status != ItchFrameStatus.Incomplete)
        {
            if (status == ItchFrameStatus.Unframeable)
                throw new InvalidDataException("The ITCH sample cannot be framed to its end.");
            if (status == ItchFrameStatus.Message)
                scan.Add(message);
            remaining = remaining[length..];
        }
        if (scan.StockCount == 0 || scan.FrameCount == 0)
            throw new InvalidDataException("The ITCH sample has no stock directory or no order, trade or status message for a directory's stock.");
        if (symbols < scan.StockCount || symbols > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(symbols), symbols, $"Between the sample's {scan.StockCount} stocks and {ushort.MaxValue} symbols (ITCH locates are 16-bit).");
        return scan.Finish(groups: symbols / scan.StockCount);
    }

    /// <summary>One frame of the pass.</summary>
    /// <param name="Offset">Where the frame starts in <see cref="Template"/>.</param>
    /// <param name="Length">Frame length, prefix included.</param>
    /// <param name="Stock">The sample stock's index.</param>
    /// <param name="LaneGroup">The group in pass 0 (rotated by one per pass): from the order chain for order messages, the frame's index otherwise.</param>
    /// <param name="References">How many order references to shift: 0 (trades, status), 1, or 2 (a replace's old and new).</param>
    internal readonly record struct Frame(int Offset, int Length, int Stock, int LaneGroup, int References);

    /// <summary>The single pass over the sample: which frames to keep, order chains, and the orders left resting.</summary>
    private sealed class SampleScan
    {
        private readonly MemoryStream _template = new();
        private readonly List<Frame> _frames = [];
        private readonly Dictionary<ushort, int> _stockByLocate = [];
        private readonly List<byte[]> _directories = [];
        private readonly List<string> _stocks = [];
        private readonly Dictionary<ulong, Resting> _resting = [];
        private readonly Dictionary<ulong, int> _chainOf = [];
        private ulong _maxReference;
        private long _events;

        public int StockCount => _stocks.Count;

        public int FrameCount => _frames.Count;

        public void Add(ReadOnlySpan<byte> message)
        {
            var type = (ItchMessageType)message[0];
            if (type == ItchMessageType.StockDirectory)
            {
                var directory = new ItchStockDirectory(message);
                if (_stockByLocate.TryAdd(directory.StockLocate, _stocks.Count))
                {
                    _stocks.Add(System.Text.Encoding.ASCII.GetString(directory.Stock));
                    _directories.Add(message.ToArray());
                }
                return;
            }
            if (!_stockByLocate.TryGetValue(ItchFields.StockLocate(message), out int stock))
                return; // system messages, and anything the translator would count as an unknown locate
            switch (type)
            {
                case ItchMessageType.AddOrder or ItchMessageType.AddOrderWithMpid:
                    var add = new ItchAddOrder(message);
                    Keep(message, stock, Chain(add.OrderReference), references: 1);
                    _resting[add.OrderReference] = new Resting(stock, add.Shares);
                    break;
                case ItchMessageType.OrderExecuted or ItchMessageType.OrderExecutedWithPrice:
                    var executed = new ItchOrderExecuted(message);
                    Keep(message, stock, Chain(executed.OrderReference), references: 1);
                    Reduce(executed.OrderReference, executed.ExecutedShares);
                    break;
                case ItchMessageType.OrderCancel:
                    var cancel = new ItchOrderCancel(message);
                    Keep(message, stock, Chain(cancel.OrderReference), references: 1);
                    Reduce(cancel.OrderReference, cancel.CancelledShares);
                    break;
                case ItchMessageType.OrderDelete:
                    var delete = new ItchOrderDelete(message);
                    Keep(message, stock, Chain(delete.OrderReference), references: 1);
                    _resting.Remove(delete.OrderReference);
                    break;
                case ItchMessageType.OrderReplace:
                    var replace = new ItchOrderReplace(message);
                    int chain = Chain(replace.OriginalOrderReference);
                    _chainOf[replace.NewOrderReference] = chain; // the replacement stays in its original's group
                    Keep(message, stock, chain, references: 2);
                    if (_resting.Remove(replace.OriginalOrderReference)) // a book refuses the replace of an order it does not hold
                        _resting[replace.NewOrderReference] = new Resting(stock, replace.Shares);
                    break;
                case ItchMessageType.Trade or ItchMessageType.CrossTrade or ItchMessageType.StockTradingAction:
                    Keep(message, stock, _frames.Count, references: 0);
                    break;
            }
        }

        public ItchPassScript Finish(int groups)
        {
            // Close the pass: delete what still rests, in reference order so every pass is identical.
            Span<byte> delete = stackalloc byte[ItchMessageLength.Of((byte)ItchMessageType.OrderDelete)];
            foreach (var (reference, resting) in _resting.OrderBy(r => r.Key))
            {
                delete.Clear();
                delete[0] = (byte)ItchMessageType.OrderDelete;
                BinaryPrimitives.WriteUInt64BigEndian(delete[ReferenceOffset..], reference);
                Keep(delete, resting.Stock, Chain(reference), references: 1);
            }
            Frame[] frames = [.. _frames.Select(f => f with { LaneGroup = f.LaneGroup % groups })];
            return new ItchPassScript(_template.ToArray(), frames, [.. _directories], [.. _stocks], groups, _maxReference + 1, _events);
        }

        private int Chain(ulong reference)
        {
            _maxReference = Math.Max(_maxReference, reference);
            if (!_chainOf.TryGetValue(reference, out int chain))
                _chainOf[reference] = chain = _chainOf.Count;
            return chain;
        }

        private void Reduce(ulong reference, uint shares)
        {
            if (_resting.TryGetValue(reference, out var resting))
            {
                if (resting.Shares <= shares)
                    _resting.Remove(reference);
                else
                    _resting[reference] = resting with { Shares = resting.Shares - shares };
            }
        }

        private void Keep(ReadOnlySpan<byte> message, int stock, int lane, int references)
        {
            if (references == 2)
                _maxReference = Math.Max(_maxReference, new ItchOrderReplace(message).NewOrderReference);
            Span<byte> prefix = stackalloc byte[ItchFraming.PrefixLength];
            BinaryPrimitives.WriteUInt16BigEndian(prefix, (ushort)message.Length);
            _frames.Add(new Frame((int)_template.Length, ItchFraming.PrefixLength + message.Length, stock, lane, references));
            _template.Write(prefix);
            _template.Write(message);
            _events++; // every kept message (and every closing delete) becomes exactly one event
        }

        private readonly record struct Resting(int Stock, uint Shares);
    }
}
