using FlowSense.MarketData.Instruments;
using FlowSense.Node.Configuration;
using FlowSense.Node.Replays;
using FlowSense.Node.Vpin;

namespace FlowSense.Node.Tests.Vpin;

/// <summary>
/// VPIN bucket volume per instrument: configured in its units, else 1/50 of its average daily volume in the replayed
/// files, else its venue's live default.
/// </summary>
public sealed class VpinBucketSizingTests
{
    private static readonly Instrument Skl = new(new InstrumentId("COINBASE", "SKL-USD"), 8, 1, 8);
    private static readonly Instrument Xbt = new(new InstrumentId("KRAKEN", "XBT/CHF"), 1, 1, 8);

    private static NodeConfiguration Load(params (string Key, string Value)[] overrides) => NodeConfiguration.Load(
        RepositoryRoot.File("hocon", "single-node.conf"), overrides.ToDictionary(o => o.Key, o => (string?)o.Value), environmentVariables: false);

    [Fact]
    public void A_configured_volume_in_instrument_units_wins_over_the_files()
    {
        var sizing = new VpinBucketSizing(Load(("flowsense:node:symbols:COINBASE:SKL-USD:vpin-bucket-volume", "250.5")).Node.Symbols);
        var traded = new TradedVolume();
        traded.Add(0, 1_000);
        Assert.Equal(25_050_000_000, sizing.RawBucketVolume(Skl, traded));
    }

    [Fact]
    public void A_replay_derives_it_from_the_volume_per_day_traded_over_fifty()
    {
        var sizing = new VpinBucketSizing(Load().Node.Symbols);
        var traded = new TradedVolume();
        const long day = 86_400_000_000_000;
        traded.Add(10 * day + 1, 600);
        traded.Add(10 * day + 2, 400);
        traded.Add(12 * day + 5, 4_000); // two trading days, 5,000 in all: ADV 2,500
        Assert.Equal(2, traded.Days);
        Assert.Equal(50, sizing.RawBucketVolume(Skl, traded));

        var quiet = new TradedVolume();
        quiet.Add(0, 3); // less than 50 a day: one raw unit, never zero
        Assert.Equal(1, sizing.RawBucketVolume(Skl, quiet));
    }

    [Fact]
    public void A_live_instrument_takes_its_venues_default()
    {
        var sizing = new VpinBucketSizing(Load(("flowsense:node:symbols:vpin-venue-bucket-volume:KRAKEN", "0.25")).Node.Symbols);
        Assert.Equal(25_000_000, sizing.RawBucketVolume(Xbt, traded: null));
        Assert.Equal(25_000_000, sizing.RawBucketVolume(Xbt, new TradedVolume())); // replayed, but never traded: no volume to size from
    }

    [Fact]
    public void A_volume_that_is_not_positive_is_a_configuration_error_at_its_key()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => Load(("flowsense:node:symbols:COINBASE:SKL-USD:vpin-bucket-volume", "-3")));
        Assert.Contains("flowsense.node.symbols.COINBASE.SKL-USD.vpin-bucket-volume: '-3' is not a positive volume", Assert.Single(error.Problems), StringComparison.Ordinal);
    }
}
