namespace FlowSense.Actors.Persistence.Tests;

/// <summary>A clock that moves only when the test advances it (timers still run on real time).</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 2, 14, 30, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
