using FlowSense.MarketData.Bars;

namespace FlowSense.Pipeline.Symbols;

/// <summary>The last K closed bars of one time frame, in a ring allocated once.</summary>
internal sealed class BarHistory(int capacity)
{
    private readonly Bar[] _ring = new Bar[Math.Max(1, capacity)];
    private int _next;
    private int _count;

    public int Count => _count;

    public void Add(in Bar bar)
    {
        _ring[_next] = bar;
        _next = (_next + 1) % _ring.Length;
        _count = Math.Min(_count + 1, _ring.Length);
    }

    /// <summary>The last <paramref name="count"/> bars (at most those held), oldest first.</summary>
    public Bar[] Last(int count)
    {
        int n = Math.Clamp(count, 0, _count);
        var result = new Bar[n];
        int start = (_next - n + _ring.Length) % _ring.Length;
        for (int i = 0; i < n; i++)
            result[i] = _ring[(start + i) % _ring.Length];
        return result;
    }
}
