using FlowSense.Actors.Cluster.Sharding;

namespace FlowSense.Actors.Cluster.Tests.Sharding;

public sealed class EntityNameTests
{
    [Theory]
    [InlineData("NASDAQ:AAPL", "NASDAQ:AAPL")]
    [InlineData("KRAKEN:XBT/USD", "KRAKEN:XBT%2FUSD")]
    [InlineData("$odd id", "%24odd%20id")]
    [InlineData("50%", "50%25")]
    public void Ids_become_valid_actor_names_and_back(string id, string name)
    {
        Assert.Equal(name, EntityName.Escape(id));
        Assert.Equal(id, EntityName.Unescape(name));
    }
}
