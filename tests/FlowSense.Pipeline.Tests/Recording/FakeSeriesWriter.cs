using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Recording;

namespace FlowSense.Pipeline.Tests.Recording;

/// <summary>
/// A series writer with a bounded "buffer" of <see cref="Capacity"/> rows that never empties by itself: rows beyond it
/// are kept, in order, and refused (the caller must wait) until <see cref="MakeRoom"/>. Flushes wait for
/// <see cref="ReleaseFlushes"/> when <see cref="HoldFlushes"/> is set. Rows are kept as text, in arrival order.
/// </summary>
internal sealed class FakeSeriesWriter : ISeriesWriter
{
    private readonly Lock _gate = new();
    private readonly List<string> _taken = [];
    private readonly Queue<string> _kept = new();
    private TaskCompletionSource _room = NewSignal();
    private readonly TaskCompletionSource _flushes = NewSignal();

    public int Capacity { get; set; } = int.MaxValue;

    public bool HoldFlushes { get; set; }

    public int Refusals { get; private set; }

    public int FlushesStarted { get; private set; }

    /// <summary>Rows taken, in order.</summary>
    public IReadOnlyList<string> Rows
    {
        get
        {
            lock (_gate)
                return [.. _taken];
        }
    }

    public IReadOnlyList<string> RowsOf(string table) => [.. Rows.Where(r => r.StartsWith(table + " ", StringComparison.Ordinal))];

    public bool TryWriteTrade(in Trade trade) => Offer($"trade {trade.Header.ExchangeTimeNs / 1_000_000}ms #{trade.Header.Sequence} {trade.Price}");

    public bool TryWriteQuote(in Quote quote) => Offer($"quote {quote.Header.ExchangeTimeNs / 1_000_000}ms #{quote.Header.Sequence} {quote.BidPrice}/{quote.AskPrice}");

    public bool TryWriteBar(InstrumentId instrument, TimeFrame timeFrame, in Bar bar) =>
        Offer($"bar {timeFrame} {bar.StartTimeNs / 1_000_000}ms o{bar.Open} c{bar.Close} n{bar.TradeCount}");

    public bool TryWriteFeatures(InstrumentId instrument, in FeatureSnapshot features) =>
        Offer($"features {features.TimeNs / 1_000_000}ms mid {features.Mid}");

    public bool TryWriteBookTop(in EventHeader header, in LevelView levels) =>
        Offer($"book_top {header.ExchangeTimeNs / 1_000_000}ms #{header.Sequence} {string.Join(",", levels.BidPrices.ToArray())}/{string.Join(",", levels.AskPrices.ToArray())}");

    public ValueTask WaitToWriteAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return _kept.Count == 0 ? ValueTask.CompletedTask : new ValueTask(_room.Task.WaitAsync(cancellationToken));
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            FlushesStarted++;
            return HoldFlushes ? _flushes.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
        }
    }

    /// <summary>Takes <paramref name="rows"/> more rows: first those kept, then new ones; wakes waiters once nothing is kept.</summary>
    public void MakeRoom(int rows)
    {
        TaskCompletionSource? wake = null;
        lock (_gate)
        {
            Capacity = _taken.Count + rows;
            while (_kept.Count > 0 && _taken.Count < Capacity)
                _taken.Add(_kept.Dequeue());
            if (_kept.Count == 0)
                (wake, _room) = (_room, NewSignal());
        }
        wake?.TrySetResult();
    }

    public void ReleaseFlushes()
    {
        lock (_gate)
            HoldFlushes = false;
        _flushes.TrySetResult();
    }

    private bool Offer(string row)
    {
        lock (_gate)
        {
            if (_kept.Count == 0 && _taken.Count < Capacity)
            {
                _taken.Add(row);
                return true;
            }
            _kept.Enqueue(row); // never lost: kept in order until there is room
            Refusals++;
            return false;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
