namespace FlowSense.Node.Configuration;

/// <summary>The node's configuration has problems; the node does not start. The message lists each, one a line.</summary>
public sealed class NodeConfigurationException : Exception
{
    /// <summary>Creates the exception from its problems, each starting with where it is (file:line:column).</summary>
    public NodeConfigurationException(IReadOnlyList<string> problems, Exception? inner = null)
        : base("The configuration has " + (problems.Count == 1 ? "a problem" : $"{problems.Count} problems") + ":" + Environment.NewLine
            + string.Join(Environment.NewLine, problems.Select(p => "  " + p)), inner) => Problems = problems;

    /// <summary>Creates the exception.</summary>
    public NodeConfigurationException() : this([]) { }

    /// <summary>Creates the exception with one problem.</summary>
    public NodeConfigurationException(string message) : this([message]) { }

    /// <summary>Creates the exception with one problem and its cause.</summary>
    public NodeConfigurationException(string message, Exception inner) : this([message], inner) { }

    /// <summary>Each problem, starting with where it is.</summary>
    public IReadOnlyList<string> Problems { get; }
}
