namespace FlowSense.Actors.Configuration;

/// <summary>
/// Where something was written in a HOCON document: the document's origin (a file path as it was given,
/// or a name for text parsed from a string) and a 1-based line and column.
/// </summary>
public readonly record struct SourcePosition(string Origin, int Line, int Column)
{
    /// <summary>Renders as <c>origin:line:column</c>, the form compilers use so editors can jump to it.</summary>
    public override string ToString() => $"{Origin}:{Line}:{Column}";

    /// <summary>The <c>line:column</c> part alone, for pointing at a second place in the same document.</summary>
    public string LineAndColumn => $"{Line}:{Column}";
}
