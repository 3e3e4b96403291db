using FlowSense.MarketData.OrderBook;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.OrderBook;

/// <summary>The L3 book's id → slot table against a dictionary, through growth and removals that shift probe runs.</summary>
public class OrderIndexTests
{
    [Fact]
    public void The_index_agrees_with_a_dictionary_through_any_adds_and_removes()
    {
        // Ids from a small range (negative ones too, as seeded orders use) so runs collide, wrap and get removed from.
        Gen<(bool Add, int Id)[]> ops = Gen.Elements(true, true, false).Zip(Gen.Choose(-60, 200)).ArrayOf();
        Prop.ForAll(Arb.From(ops), steps =>
        {
            var index = new OrderIndex();
            var model = new Dictionary<long, int>();
            int next = 0;
            foreach (var (add, id) in steps)
            {
                bool ok = add ? index.TryAdd(id, next) : index.Remove(id);
                bool expected = add ? model.TryAdd(id, next) : model.Remove(id);
                if (ok != expected)
                    return false;
                next++;
            }
            for (long id = -60; id <= 200; id++)
            {
                bool found = index.TryGetValue(id, out int slot);
                if (found != model.TryGetValue(id, out int expectedSlot) || (found && slot != expectedSlot))
                    return false;
            }
            return index.Count == model.Count;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Sequential_ids_spread_and_stay_found_after_heavy_churn()
    {
        var index = new OrderIndex();
        for (long id = 1; id <= 100_000; id++)
        {
            index.Add(id, (int)id);
            if (id > 500)
                Assert.True(index.Remove(id - 500));
        }
        Assert.Equal(500, index.Count);
        Assert.True(index.TryGetValue(99_999, out int slot));
        Assert.Equal(99_999, slot);
        Assert.False(index.ContainsKey(99_500));
        Assert.Throws<InvalidOperationException>(() => index.Add(100_000, 0));
    }
}
