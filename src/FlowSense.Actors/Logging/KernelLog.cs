using Microsoft.Extensions.Logging;

namespace FlowSense.Actors;

/// <summary>The kernel's own log messages (source-generated: no allocation when the level is off).</summary>
internal static partial class KernelLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "{Actor} failed; supervisor directive: {Directive}")]
    public static partial void ChildFailed(ILogger logger, Exception cause, string actor, Directive directive);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Actor} failed and is resumed")]
    public static partial void ChildResumed(ILogger logger, Exception cause, string actor);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "{Actor}: {Hook} threw")]
    public static partial void HookFailed(ILogger logger, Exception cause, string actor, string hook);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "A scheduled job threw")]
    public static partial void JobFailed(ILogger logger, Exception cause);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Coordinated shutdown started: {Reason}")]
    public static partial void ShutdownStarted(ILogger logger, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Shutdown phase {Phase} timed out after {Timeout}")]
    public static partial void PhaseTimedOut(ILogger logger, string phase, TimeSpan timeout);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Shutdown task {Task} of phase {Phase} failed")]
    public static partial void ShutdownTaskFailed(ILogger logger, Exception cause, string phase, string task);
}
