using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;
using FsCheck;
using FsCheck.Fluent;
using static FlowSense.MarketData.Tests.OrderBook.BookEvents;

namespace FlowSense.MarketData.Tests.OrderBook;

/// <summary>
/// Property tests over random event sequences: few ids and prices so that collisions, unknown ids, overfills,
/// crossings and invalid sizes all happen often.
/// </summary>
public class BookProperties
{
    /// <summary>One generated L3 event, before it becomes an <see cref="OrderEvent"/>.</summary>
    public readonly record struct Op(OrderAction Action, long Id, Side Side, long Price, long Size, long NewId)
    {
        public OrderEvent ToEvent() => new(Header(), Action, Id, Side, Price, Size, NewId);
    }

    private static readonly Gen<Op> OpGen =
        from action in Gen.Frequency(
            (4, Gen.Constant(OrderAction.Add)), (2, Gen.Constant(OrderAction.Cancel)), (2, Gen.Constant(OrderAction.Delete)),
            (2, Gen.Constant(OrderAction.Execute)), (1, Gen.Constant(OrderAction.Replace)))
        from id in Gen.Choose(1, 16)
        from bid in Gen.Elements(true, false)
        from price in Gen.Choose(95, 105)
        from size in Gen.Frequency((10, Gen.Choose(1, 20)), (1, Gen.Choose(-3, 0)))
        from newId in Gen.Choose(0, 20)
        select new Op(action, id, bid ? Side.Bid : Side.Ask, price, size, newId);

    private static readonly Arbitrary<Op[]> Ops = Gen.ArrayOf(OpGen).ToArbitrary();

    private static readonly Arbitrary<(Op[] Ops, Level[] Seed)> OpsAfterSeed =
        (from ops in Gen.ArrayOf(OpGen)
         from prices in Gen.ArrayOf(Gen.Choose(95, 105))
         from size in Gen.Choose(1, 30)
         select (ops, prices.Select(p => new Level(p, size + p % 7, 0)).ToArray())).ToArbitrary();

    private static readonly CrossedBookPolicy[] Policies = [CrossedBookPolicy.Flag, CrossedBookPolicy.Reject, CrossedBookPolicy.ClearStaleLevels];

    [Fact]
    public void L3_levels_equal_an_independent_model_of_the_resting_orders() =>
        Prop.ForAll(Ops, ops =>
        {
            var book = new L3Book(Instrument);
            var model = new Dictionary<long, (Side Side, long Price, long Size)>();
            foreach (Op op in ops)
            {
                bool known = model.TryGetValue(op.Id, out var order);
                ApplyResult result = book.Apply(op.ToEvent());
                Assert.Equal(Expected(op, known, order, model), result);
                if (result.IsApplied())
                    ApplyToModel(op, order, model);
                AssertBookEqualsModel(book, model);
            }
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void The_aggregated_view_of_L3_equals_an_L2_book_fed_the_equivalent_deltas() =>
        Prop.ForAll(OpsAfterSeed, input =>
        {
            foreach (CrossedBookPolicy policy in Policies)
            {
                var l3 = new L3Book(Instrument, new BookOptions(policy));
                var l2 = new L2Book(Instrument);
                l3.LoadSnapshot(input.Seed, []);
                l2.LoadSnapshot(input.Seed, []);
                foreach (Op op in input.Ops)
                {
                    Level[] bidsBefore = Levels(l3, Side.Bid), asksBefore = Levels(l3, Side.Ask);
                    l3.Apply(op.ToEvent());
                    foreach (BookDelta delta in Diff(Side.Bid, bidsBefore, Levels(l3, Side.Bid)).Concat(Diff(Side.Ask, asksBefore, Levels(l3, Side.Ask))))
                        Assert.True(l2.Apply(delta).IsApplied());
                    Assert.Equal(Strip(Levels(l3, Side.Bid)), Levels(l2, Side.Bid));
                    Assert.Equal(Strip(Levels(l3, Side.Ask)), Levels(l2, Side.Ask));
                    AssertQueuesSumToLevels(l3);
                }
            }
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void An_add_followed_by_its_delete_restores_the_book() =>
        Prop.ForAll(Ops, Gen.Choose(95, 105).ToArbitrary(), (ops, price) =>
        {
            var book = new L3Book(Instrument);
            foreach (Op op in ops)
                book.Apply(op.ToEvent());
            Level[] bids = Levels(book, Side.Bid), asks = Levels(book, Side.Ask);
            int orders = book.OrderCount;

            Assert.True(book.Apply(Add(1_000, Side.Bid, price, 7)).IsApplied());
            Assert.Equal(ApplyResult.Applied, book.Apply(Delete(1_000)));

            Assert.Equal(bids, Levels(book, Side.Bid));
            Assert.Equal(asks, Levels(book, Side.Ask));
            Assert.Equal(orders, book.OrderCount);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Sizes_and_counts_are_never_negative_or_zero_on_a_resting_level() =>
        Prop.ForAll(OpsAfterSeed, input =>
        {
            foreach (CrossedBookPolicy policy in Policies)
            {
                var l3 = new L3Book(Instrument, new BookOptions(policy));
                var l2 = new L2Book(Instrument, new BookOptions(policy));
                l3.LoadSnapshot(input.Seed, input.Seed.Select(l => l with { Price = l.Price + 20 }).ToArray());
                foreach (Op op in input.Ops)
                {
                    l3.Apply(op.ToEvent());
                    // The same random numbers as L2 deltas: sizes may be 0 or negative, levels may be missing.
                    var action = (BookAction)((int)op.Action % 3 + 1);
                    l2.Apply(Delta(op.Side, op.Price, op.Size, action));
                    foreach (IBookView book in new IBookView[] { l3, l2 })
                        foreach (Side side in new[] { Side.Bid, Side.Ask })
                            Assert.All(Levels(book, side), l => Assert.True(l.Size > 0 && l.OrderCount >= 0, $"{side} {l}"));
                    Assert.All(Levels(l3, Side.Bid).Concat(Levels(l3, Side.Ask)), l => Assert.True(l.OrderCount > 0));
                }
            }
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Crossed_policies_hold_after_every_event() =>
        Prop.ForAll(Ops, ops =>
        {
            foreach (CrossedBookPolicy policy in Policies)
            {
                var l3 = new L3Book(Instrument, new BookOptions(policy));
                var l2 = new L2Book(Instrument, new BookOptions(policy));
                foreach (Op op in ops)
                {
                    long l3Version = l3.Version, l2Version = l2.Version;
                    ApplyResult r3 = l3.Apply(op.ToEvent());
                    ApplyResult r2 = l2.Apply(Delta(op.Side, op.Price, Math.Abs(op.Size) + 1));
                    foreach ((ApplyResult result, LevelBook book, long versionBefore) in new[] { (r3, (LevelBook)l3, l3Version), (r2, l2, l2Version) })
                    {
                        switch (policy)
                        {
                            case CrossedBookPolicy.Reject:
                                Assert.False(book.IsCrossed);
                                Assert.NotEqual(ApplyResult.AppliedClearedStale, result);
                                if (result == ApplyResult.RejectedCrossed)
                                    Assert.Equal(versionBefore, book.Version);
                                break;
                            case CrossedBookPolicy.ClearStaleLevels:
                                Assert.False(book.IsCrossed);
                                Assert.NotEqual(ApplyResult.RejectedCrossed, result);
                                break;
                            default:
                                Assert.NotEqual(ApplyResult.RejectedCrossed, result);
                                Assert.NotEqual(ApplyResult.AppliedClearedStale, result);
                                if (result == ApplyResult.AppliedCrossed)
                                    Assert.True(book.IsCrossed);
                                Assert.True(!book.IsCrossed || book.Errors.Crossed > 0, "crossed without a flag");
                                break;
                        }
                    }
                }
            }
        }).QuickCheckThrowOnFailure();

    /// <summary>What the book must answer, derived from the model alone (no crossing checks: policy Flag).</summary>
    private static ApplyResult Expected(Op op, bool known, (Side Side, long Price, long Size) order, Dictionary<long, (Side, long, long)> model)
    {
        switch (op.Action)
        {
            case OrderAction.Add:
                if (op.Size <= 0) return ApplyResult.InvalidSize;
                if (known) return ApplyResult.DuplicateOrderId;
                return WouldCross(model, op.Side, op.Price) ? ApplyResult.AppliedCrossed : ApplyResult.Applied;
            case OrderAction.Cancel or OrderAction.Execute:
                if (op.Size <= 0) return ApplyResult.InvalidSize;
                if (!known) return ApplyResult.UnknownOrder;
                return op.Size > order.Size ? ApplyResult.Overfill : ApplyResult.Applied;
            case OrderAction.Delete:
                return known ? ApplyResult.Applied : ApplyResult.UnknownOrder;
            default:
                if (!known) return ApplyResult.UnknownOrder;
                if (op.Size <= 0) return ApplyResult.InvalidSize;
                long newId = op.NewId == 0 ? op.Id : op.NewId;
                if (newId != op.Id && model.ContainsKey(newId)) return ApplyResult.DuplicateOrderId;
                return WouldCross(model, order.Side, op.Price) ? ApplyResult.AppliedCrossed : ApplyResult.Applied;
        }
    }

    private static bool WouldCross(Dictionary<long, (Side Side, long Price, long Size)> model, Side side, long price) =>
        model.Values.Any(o => o.Side != side && (side == Side.Bid ? o.Price < price : o.Price > price));

    private static void ApplyToModel(Op op, (Side Side, long Price, long Size) order, Dictionary<long, (Side, long, long)> model)
    {
        switch (op.Action)
        {
            case OrderAction.Add:
                model[op.Id] = (op.Side, op.Price, op.Size);
                break;
            case OrderAction.Cancel or OrderAction.Execute when op.Size < order.Size:
                model[op.Id] = (order.Side, order.Price, order.Size - op.Size);
                break;
            case OrderAction.Replace:
                model.Remove(op.Id);
                model[op.NewId == 0 ? op.Id : op.NewId] = (order.Side, op.Price, op.Size);
                break;
            default:
                model.Remove(op.Id);
                break;
        }
    }

    private static void AssertBookEqualsModel(L3Book book, Dictionary<long, (Side Side, long Price, long Size)> model)
    {
        foreach (Side side in new[] { Side.Bid, Side.Ask })
        {
            Level[] expected = model.Values.Where(o => o.Side == side)
                .GroupBy(o => o.Price)
                .Select(g => new Level(g.Key, g.Sum(o => o.Size), g.Count()))
                .OrderBy(l => side == Side.Bid ? -l.Price : l.Price)
                .ToArray();
            Assert.Equal(expected, Levels(book, side));
        }
        Assert.Equal(model.Count, book.OrderCount);
    }

    private static void AssertQueuesSumToLevels(L3Book book)
    {
        Span<RestingOrder> queue = new RestingOrder[64];
        foreach (Side side in new[] { Side.Bid, Side.Ask })
            foreach (Level level in Levels(book, side))
            {
                int n = book.OrdersAt(side, level.Price, queue);
                Assert.Equal(level.OrderCount, n);
                long sum = 0;
                foreach (RestingOrder order in queue[..n])
                    sum += order.Size;
                Assert.Equal(level.Size, sum);
            }
    }

    /// <summary>The deltas that turn one side's levels into another's.</summary>
    private static IEnumerable<BookDelta> Diff(Side side, Level[] before, Level[] after)
    {
        var now = after.ToDictionary(l => l.Price, l => l.Size);
        foreach (Level gone in before.Where(l => !now.ContainsKey(l.Price)))
            yield return Delta(side, gone.Price, 0, BookAction.Delete);
        var then = before.ToDictionary(l => l.Price, l => l.Size);
        foreach (Level level in after.Where(l => !then.TryGetValue(l.Price, out long size) || size != l.Size))
            yield return Delta(side, level.Price, level.Size);
    }

    private static Level[] Levels(IBookView book, Side side)
    {
        var levels = new Level[book.LevelCount(side)];
        book.TopLevels(side, levels);
        return levels;
    }

    private static Level[] Strip(Level[] levels) => levels.Select(l => l with { OrderCount = 0 }).ToArray();
}
