namespace FlowSense.Cli.Terminal;

/// <summary>What a <c>flowsense</c> exit code means, so scripts can tell a typo from a failed verification.</summary>
public static class ExitCodes
{
    /// <summary>Done, nothing to report.</summary>
    public const int Ok = 0;

    /// <summary>The command line could not be parsed (unknown option, missing argument): System.CommandLine's own code.</summary>
    public const int Usage = 1;

    /// <summary>The input could not be used at all (missing or unreadable file, wrong format, nothing to do).</summary>
    public const int BadInput = 2;

    /// <summary>The output was written, but some input rows or messages were refused (counted in the summary).</summary>
    public const int Rejects = 3;

    /// <summary>A verification failed: a rebuilt book differs from its reference, a checksum did not match.</summary>
    public const int VerificationFailed = 4;

    /// <summary>The node could not be reached, refused the token, or answered with an error.</summary>
    public const int NodeError = 5;
}
