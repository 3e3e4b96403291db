using FlowSense.Testing;

namespace FlowSense.Feeds.Tests;

public class SharedDataTests
{
    [Fact]
    public void The_shared_reference_data_is_found() =>
        Assert.True(File.Exists(SharedData.File("README.md")), $"no README.md in {SharedData.Root}");
}
