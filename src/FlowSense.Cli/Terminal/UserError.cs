namespace FlowSense.Cli.Terminal;

/// <summary>
/// A problem the user can fix (a missing file, a wrong option, an unreachable node): printed as one line saying what
/// is wrong and one saying what to do, never as a stack trace, with its own exit code.
/// </summary>
public sealed class UserError : Exception
{
    /// <summary>Creates the error.</summary>
    public UserError(string message, string hint, int exitCode = ExitCodes.BadInput)
        : base(message)
    {
        Hint = hint;
        ExitCode = exitCode;
    }

    /// <summary>For serializers and analyzers; prefer the constructor with a hint.</summary>
    public UserError()
        : this("flowsense failed.", string.Empty)
    {
    }

    /// <summary>For serializers and analyzers; prefer the constructor with a hint.</summary>
    public UserError(string message)
        : this(message, string.Empty)
    {
    }

    /// <summary>For serializers and analyzers; prefer the constructor with a hint.</summary>
    public UserError(string message, Exception innerException)
        : base(message, innerException)
    {
        Hint = string.Empty;
        ExitCode = ExitCodes.BadInput;
    }

    /// <summary>What the user should do about it.</summary>
    public string Hint { get; }

    /// <summary>The process exit code (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; }
}
