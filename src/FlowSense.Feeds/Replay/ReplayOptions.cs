using FlowSense.Actors;

namespace FlowSense.Feeds.Replay;

/// <summary>How a file replay batches, paces and reports.</summary>
public sealed record ReplayOptions
{
    /// <summary>Events per emitted <see cref="EventBatch"/> (a paced replay also emits a shorter batch before each wait).</summary>
    public int BatchSize { get; init; } = 256;

    public ReplayPace Pace { get; init; } = ReplayPace.AsFastAsPossible;

    /// <summary>
    /// The clock that paces the replay and times its progress. Pass the materializer's clock
    /// (<c>materializer.Time</c>) so that tests run the replay on virtual time.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Receives progress at most once per <see cref="ProgressInterval"/> of <see cref="Time"/>, and once at the end.</summary>
    public IProgress<ReplayProgress>? Progress { get; init; }

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where unreadable input goes (ITCH frames, capture lines, codec rejects); a fresh one per replay when null.</summary>
    public Quarantine.Quarantine? Quarantine { get; init; }

    /// <summary>
    /// When set, every event's receive time is this clock's "now" (Unix-epoch nanoseconds) taken just before it is
    /// decoded, instead of its recorded time: a load harness measures latency from there. ITCH and LOBSTER replays
    /// honour it; it cannot be combined with <see cref="ReplayPace.Recorded"/>, which paces by the recorded receive times.
    /// </summary>
    /// <remarks>
    /// The clock is read once per chunk the reader decodes (the events due at a paced tick, cut every 64 messages or
    /// rows and at every read of the stream), and the chunk's events share the stamp: one clock read per event cost
    /// about 4 % of the whole pipeline's CPU at a million events per second. A stamp is taken before its events are
    /// decoded, so it is never later than the truth: latency measured from it can be overstated by the decoding of
    /// a few dozen messages (microseconds), never understated.
    /// </remarks>
    public Func<long>? ReceiveClock { get; init; }

    /// <summary>
    /// The lanes that wake a paced replay for its ticks (<see cref="ReplayPace.Rate"/>, waits under 2 ms on the system
    /// clock): each tick's decoding and delivery then runs on a lane, between its actors' turns, instead of on a timer
    /// thread of its own. Pass the dispatcher of the symbol actors the replay feeds. Null: the timer thread.
    /// </summary>
    /// <remarks>
    /// On two cores, the timer thread and two lanes are three busy threads on two cores: in the load harness at 2.7M
    /// events/s over 99 symbols, the thread decoded for 39% of a core and waited on the run queue for another 11%, and
    /// the lanes waited 7-9% (per-thread scheduler statistics over 3 s).
    /// </remarks>
    public LaneDispatcher? TickLanes { get; init; }

    /// <summary>Read buffer of the ITCH reader (at least one maximal frame, 64 KiB + 2).</summary>
    public int ItchBufferSize { get; init; } = 1 << 16;
}
