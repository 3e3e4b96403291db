using System.Buffers;
using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Features.RollingWindows;
using FlowSense.MarketData.Features.Spreads;
using FlowSense.MarketData.Tests.Checkpoints;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Features.RollingWindows;

/// <summary>
/// Windows start with little storage and grow to their capacity on demand: growing must never change what they hold,
/// the capacity (not the storage) must bound them, and a checkpoint of a grown window must restore into a fresh one.
/// </summary>
public class GrowingWindowTests
{
    [Fact]
    public void A_bounded_queue_behaves_like_a_queue_while_it_grows()
    {
        // Positive values enqueue (when there is room), others drop the oldest (when there is one).
        Prop.ForAll(Arb.From(Gen.Choose(-40, 100).ArrayOf()), ops =>
        {
            const int capacity = 37; // not a power of two: the last growth stops at it
            var queue = new BoundedQueue<int>(capacity);
            var model = new Queue<int>();
            foreach (int op in ops)
            {
                if (op > 0 && !queue.IsFull)
                {
                    queue.Enqueue(op);
                    model.Enqueue(op);
                }
                else if (op <= 0 && queue.Count > 0)
                {
                    queue.DropOldest();
                    model.Dequeue();
                }
            }
            var held = new int[queue.Count];
            for (int i = 0; i < held.Length; i++)
                held[i] = queue[i];
            return held.SequenceEqual(model) && queue.Count <= capacity && (queue.Count == 0 || queue.Oldest == model.Peek());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_full_bounded_queue_refuses_to_grow_past_its_capacity()
    {
        var queue = new BoundedQueue<long>(3);
        for (int i = 0; i < 3; i++)
            queue.Enqueue(i);
        Assert.True(queue.IsFull);
        Assert.Throws<InvalidOperationException>(() => queue.Enqueue(3));
    }

    [Fact]
    public void A_clock_window_that_grew_sums_exactly_what_a_brute_force_sum_does()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 30).Zip(Gen.Choose(-5, 5)).ArrayOf()), steps =>
        {
            var window = new ClockWindow<TimedValue>(windowNs: 200, capacity: 1_000);
            var added = new List<(long Time, long Value)>();
            long now = 0;
            foreach ((int gap, int value) in steps)
            {
                now += gap;
                window.Add(now, value);
                added.Add((now, value));
            }
            long expected = added.Where(a => a.Time > now - 200).Sum(a => a.Value);
            return window.Sum == expected && window.Overflows == 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_clock_window_overflows_at_its_capacity_not_at_its_storage()
    {
        var window = new ClockWindow<TimedValue>(windowNs: 1_000_000, capacity: 40);
        for (int i = 1; i <= 50; i++)
            window.Add(i, 1);
        Assert.Equal(40, window.Count);
        Assert.Equal(40, window.Sum);
        Assert.Equal(10, window.Overflows);
    }

    [Fact]
    public void A_grown_clock_window_restores_into_a_fresh_one_and_goes_on_alike()
    {
        var grown = new ClockWindow<TimedValue>(windowNs: 100, capacity: 500);
        for (int i = 0; i < 90; i++)
            grown.Add(i, i % 7 - 3);
        var restored = new ClockWindow<TimedValue>(windowNs: 100, capacity: 500);
        Restore(ref restored, Write(grown));
        for (int i = 90; i < 300; i += 3)
        {
            grown.Add(i, 1);
            restored.Add(i, 1);
            Assert.Equal(grown.Sum, restored.Sum);
            Assert.Equal(grown.Count, restored.Count);
        }
        Assert.Equal(Write(grown), Write(restored));
    }

    [Fact]
    public void A_counting_window_keeps_times_only_and_agrees_with_a_window_of_ones_checkpoint_included()
    {
        var counting = new ClockWindow<TimedEvent>(windowNs: 100, capacity: 50);
        var ones = new ClockWindow<TimedValue>(windowNs: 100, capacity: 50);
        var random = new Random(7);
        long time = 0;
        for (int i = 0; i < 2_000; i++)
        {
            time += random.Next(100) == 0 ? 150 : random.Next(0, 3); // bursts past the capacity, quiet spells that empty the window
            if (random.Next(10) == 0)
            {
                counting.Advance(time);
                ones.Advance(time);
            }
            else
            {
                counting.Add(time, 1);
                ones.Add(time, 1);
            }
            Assert.Equal(ones.Sum, counting.Sum);
            Assert.Equal(ones.Count, counting.Count);
        }
        Assert.True(counting.Overflows > 0, "the bursts went past the capacity");
        Assert.Equal(ones.Overflows, counting.Overflows);
        // The same checkpoint either way, so an intensity's snapshot reads back whichever slot wrote it.
        Assert.Equal(Write(ones), Write(counting));
        var restored = new ClockWindow<TimedEvent>(windowNs: 100, capacity: 50);
        Restore(ref restored, Write(ones));
        Assert.Equal(ones.Sum, restored.Sum);
    }

    [Fact]
    public void A_counting_window_refuses_other_values_than_one_when_added_and_when_restored()
    {
        var counting = new ClockWindow<TimedEvent>(windowNs: 100, capacity: 50);
        Assert.Throws<ArgumentOutOfRangeException>(() => counting.Add(1, 2));

        var valued = new ClockWindow<TimedValue>(windowNs: 100, capacity: 50);
        valued.Add(1, 1);
        valued.Add(2, 5);
        var error = Assert.Throws<CheckpointException>(() => Restore(ref counting, Write(valued)));
        Assert.Contains("a value of 5", error.Message, StringComparison.Ordinal);
    }

    // A clock window is a struct held inline by its features, so it is written and restored in place, not through
    // ICheckpointState (which would box a copy).
    internal static byte[] Write<TSlot>(in ClockWindow<TSlot> window) where TSlot : struct, IClockSlot<TSlot>
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new CheckpointWriter(output);
        window.WriteCheckpoint(ref writer);
        writer.Complete();
        return output.WrittenSpan.ToArray();
    }

    internal static void Restore<TSlot>(ref ClockWindow<TSlot> window, byte[] bytes) where TSlot : struct, IClockSlot<TSlot>
    {
        var reader = new CheckpointReader(bytes);
        window.RestoreCheckpoint(ref reader);
        reader.Complete();
    }

    [Fact]
    public void Post_trade_spreads_with_many_trades_pending_restore_into_a_fresh_instance_and_resolve_alike()
    {
        var original = new PostTradeSpreads(horizonNs: 1_000, pendingCapacity: 4_096, averageWindow: 10);
        original.OnMid(0, 100.0);
        for (int i = 1; i <= 200; i++)
            original.OnTrade(i, 100 + i % 3, i % 2 == 0 ? 1 : -1, 100.0 + i * 0.01);
        Assert.Equal(200, original.Pending);
        var restored = new PostTradeSpreads(horizonNs: 1_000, pendingCapacity: 4_096, averageWindow: 10);
        CheckpointFramingTests.Restore(restored, CheckpointFramingTests.Write(original));
        for (long t = 1_000; t <= 1_300; t += 7)
        {
            original.OnMid(t, 100.5 + t * 1e-4);
            restored.OnMid(t, 100.5 + t * 1e-4);
            Assert.Equal(original.Resolved, restored.Resolved);
            Assert.Equal(original.MeanRealizedSpread, restored.MeanRealizedSpread);
        }
        Assert.Equal(CheckpointFramingTests.Write(original), CheckpointFramingTests.Write(restored));
    }
}
