namespace FlowSense.Actors.Configuration;

/// <summary>
/// A HOCON document is malformed or cannot be resolved (bad syntax, an unresolvable substitution,
/// an include cycle...). <see cref="Exception.Message"/> reads <c>file:line:column: what is wrong</c>;
/// the parts are also available separately.
/// </summary>
public sealed class HoconParseException : HoconException
{
    /// <summary>Creates the exception for a problem found at <paramref name="position"/>.</summary>
    public HoconParseException(SourcePosition position, string problem)
        : base($"{position}: {problem}")
    {
        Position = position;
        Problem = problem;
    }

    /// <summary>Creates the exception for a problem found at <paramref name="position"/>, caused by another failure.</summary>
    public HoconParseException(SourcePosition position, string problem, Exception innerException)
        : base($"{position}: {problem}", innerException)
    {
        Position = position;
        Problem = problem;
    }

    /// <summary>Where the problem was found.</summary>
    public SourcePosition Position { get; }

    /// <summary>The plain description of the problem, without the location.</summary>
    public string Problem { get; }
}
