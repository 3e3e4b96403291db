using FlowSense.MarketData.Features.RollingWindows;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Features.RollingWindows;

/// <summary>
/// A clock window drops the values that left it lazily (when its ring is full, or on <see cref="ClockWindow{TSlot}.Settle"/>):
/// whatever it still holds, it must read, overflow and checkpoint exactly as a window that evicts on every call.
/// </summary>
public class LazyEvictionTests
{
    private const long WindowNs = 50;
    private const int Capacity = 24;

    [Fact]
    public void A_lazy_window_reads_overflows_and_checkpoints_as_an_eager_one_at_every_step()
    {
        // Each step: a time gap, then 0 = advance only, 1 = settle, otherwise add a value of (op - 4).
        var steps = Gen.Choose(0, 40).Zip(Gen.Choose(0, 9)).ArrayOf();
        Prop.ForAll(Arb.From(steps), ops =>
        {
            var window = new ClockWindow<TimedValue>(WindowNs, Capacity);
            var eager = new EagerWindow();
            long now = 0;
            foreach ((int gap, int op) in ops)
            {
                now += gap;
                switch (op)
                {
                    case 0:
                        window.Advance(now);
                        eager.Advance(now);
                        break;
                    case 1:
                        window.Advance(now);
                        window.Settle();
                        eager.Advance(now);
                        break;
                    default:
                        window.Add(now, op - 4);
                        eager.Add(now, op - 4);
                        break;
                }
                if (window.Sum != eager.Sum || window.Count != eager.Count || window.Overflows != eager.Overflows)
                    return false;
            }
            // What a checkpoint holds does not depend on when the window last dropped values.
            var settled = window;
            settled.Settle();
            return GrowingWindowTests.Write(window).SequenceEqual(GrowingWindowTests.Write(settled));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Values_that_left_the_window_are_not_restored_from_a_checkpoint()
    {
        var window = new ClockWindow<TimedEvent>(windowNs: 100, capacity: 1_000);
        for (long t = 0; t < 150; t++)
            window.Add(t, 1); // 50 of these have left the window by t = 149, none dropped yet
        Assert.Equal(100, window.Count);

        var restored = new ClockWindow<TimedEvent>(windowNs: 100, capacity: 1_000);
        GrowingWindowTests.Restore(ref restored, GrowingWindowTests.Write(window));

        Assert.Equal(100, restored.Count);
        Assert.Equal(100, restored.Sum);
        restored.Advance(199);
        Assert.Equal(50, restored.Sum); // t = 100 … 149 are still inside (99, 199]
    }

    /// <summary>The window as the definition reads: every call evicts what is stamped at or before now − τ; zeros are not kept.</summary>
    private sealed class EagerWindow
    {
        private readonly Queue<(long Time, long Value)> _values = new();
        private long _now = long.MinValue;

        public long Sum => _values.Sum(v => v.Value);

        public int Count => _values.Count;

        public long Overflows { get; private set; }

        public void Advance(long timeNs)
        {
            _now = Math.Max(_now, timeNs);
            while (_values.Count > 0 && _values.Peek().Time <= _now - WindowNs)
                _values.Dequeue();
        }

        public void Add(long timeNs, long value)
        {
            Advance(timeNs);
            if (value == 0)
                return;
            if (_values.Count == Capacity)
            {
                _values.Dequeue();
                Overflows++;
            }
            _values.Enqueue((_now, value));
        }
    }
}
