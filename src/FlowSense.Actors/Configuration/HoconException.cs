namespace FlowSense.Actors.Configuration;

/// <summary>
/// A configuration value could not be read as asked: the path is missing, or its value has another type
/// (for example a duration that is not a duration). The message names the path and, when known, where the
/// value was written.
/// </summary>
public class HoconException : Exception
{
    /// <summary>Creates the exception with a complete message.</summary>
    public HoconException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a complete message and the failure that caused it.</summary>
    public HoconException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message; prefer the other constructors.</summary>
    public HoconException()
    {
    }
}
