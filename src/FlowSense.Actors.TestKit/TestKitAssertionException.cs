namespace FlowSense.Actors.TestKit;

/// <summary>An expectation of the TestKit was not met.</summary>
public sealed class TestKitAssertionException(string message) : Exception(message);
