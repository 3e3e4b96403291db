namespace FlowSense.Management.Endpoint;

/// <summary>The management endpoint's configuration is unsafe or malformed; the node refuses to start.</summary>
public sealed class ManagementConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ManagementConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message saying what to set.</summary>
    public ManagementConfigurationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public ManagementConfigurationException(string message, Exception inner) : base(message, inner)
    {
    }
}
