namespace FlowSense.Actors.Benchmarks.PingPong;

/// <summary>The one message object each client bounces off its destination for the whole run.</summary>
internal sealed class Ball;

/// <summary>Tells a client to put its balls in flight.</summary>
internal sealed class Serve
{
    public static Serve Instance { get; } = new();
}

/// <summary>Asked of every actor before the clock starts, so that start-up is not timed.</summary>
internal sealed class Started
{
    public static Started Instance { get; } = new();
}
