using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Subscriptions;

/// <summary>What a subscriber wants from a symbol.</summary>
[Flags]
public enum SymbolTopics : byte
{
    None = 0,
    /// <summary>A <see cref="FeatureUpdate"/> after each applied slice of events (conflated: one per slice, not per event).</summary>
    Features = 1,
    /// <summary>A <see cref="BarClosed"/> for every closed bar of every time frame.</summary>
    Bars = 2,
    All = Features | Bars,
}

/// <summary>
/// Subscribes <paramref name="Subscriber"/> to a symbol's updates with <paramref name="InitialCredit"/> messages of
/// credit. Every update spends one; the subscriber grants more with <see cref="SubscriptionCredit"/> sent to the
/// update's sender. While a subscriber has no credit the symbol holds its updates and withholds its acknowledgements,
/// so ingestion slows to the subscriber's pace: bounded, and nothing lost. Answered with <see cref="SymbolSubscribed"/>.
/// </summary>
public sealed record SubscribeSymbol(string EntityId, IActorRef Subscriber, int InitialCredit, SymbolTopics Topics = SymbolTopics.All) : IEntityMessage;

/// <summary>
/// The subscription is in place. <see cref="Symbol"/> is where to send <see cref="SubscriptionCredit"/> (the same actor
/// that sends the updates): the symbol's shard, which reaches the symbol actor even after it was passivated.
/// </summary>
public sealed record SymbolSubscribed(InstrumentId Instrument, IActorRef Symbol);

/// <summary>Ends a subscription (a terminated subscriber is removed without it). Held updates are discarded and counted.</summary>
public sealed record UnsubscribeSymbol(string EntityId, IActorRef Subscriber) : IEntityMessage;

/// <summary>Grants <paramref name="Count"/> more updates; send it to the sender of the updates (or to the shard region).</summary>
public sealed record SubscriptionCredit(string EntityId, int Count) : IEntityMessage;

/// <summary>Feature values of one instrument after a slice of its events.</summary>
/// <param name="Applied">The symbol's total applied events at that point.</param>
public sealed record FeatureUpdate(InstrumentId Instrument, FeatureSnapshot Features, long Applied);

/// <summary>A bar closed, with the symbol's indicators on its time frame after it.</summary>
public sealed record BarClosed(InstrumentId Instrument, TimeFrame TimeFrame, Bar Bar, IReadOnlyList<IndicatorValue> Indicators);
