namespace FlowSense.Management.Client;

/// <summary>A management call that failed; <see cref="Exception.Message"/> says what to do about it.</summary>
public sealed class ManagementException : Exception
{
    /// <summary>Creates an exception of <paramref name="kind"/>.</summary>
    public ManagementException(ManagementErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    /// <summary>Creates a <see cref="ManagementErrorKind.Failed"/> exception.</summary>
    public ManagementException() : this(ManagementErrorKind.Failed, "The management call failed.")
    {
    }

    /// <summary>Creates a <see cref="ManagementErrorKind.Failed"/> exception.</summary>
    public ManagementException(string message) : this(ManagementErrorKind.Failed, message)
    {
    }

    /// <summary>Creates a <see cref="ManagementErrorKind.Failed"/> exception.</summary>
    public ManagementException(string message, Exception inner) : this(ManagementErrorKind.Failed, message, inner)
    {
    }

    /// <summary>Why the call failed.</summary>
    public ManagementErrorKind Kind { get; }
}
