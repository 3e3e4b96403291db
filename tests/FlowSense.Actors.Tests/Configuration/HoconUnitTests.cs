using FlowSense.Actors.Configuration;

namespace FlowSense.Actors.Tests.Configuration;

/// <summary>The spec's duration and size-in-bytes formats ("Units format", "Duration format", "Size in bytes format").</summary>
public sealed class HoconUnitTests
{
    [Theory]
    [InlineData("5s", 5_000)]
    [InlineData("500 ms", 500)]
    [InlineData("500", 500)] // a bare number is in milliseconds
    [InlineData(" 1.5 seconds ", 1_500)]
    [InlineData("2 minutes", 120_000)]
    [InlineData("1m", 60_000)]
    [InlineData("3h", 10_800_000)]
    [InlineData("1 hour", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("7 days", 604_800_000)]
    [InlineData("2 millis", 2)]
    [InlineData("250 milliseconds", 250)]
    [InlineData("-1s", -1_000)]
    [InlineData("1e3 ms", 1_000)]
    public void Durations_convert_to_milliseconds(string text, long milliseconds)
    {
        Assert.True(HoconDuration.TryParse(text, requireUnit: false, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("100ns", 1)]
    [InlineData("300 nanos", 3)]
    [InlineData("10us", 100)]
    [InlineData("1 micro", 10)]
    [InlineData("2 microseconds", 20)]
    public void Sub_millisecond_durations_convert_to_ticks(string text, long ticks)
    {
        Assert.True(HoconDuration.TryParse(text, requireUnit: false, out var duration));
        Assert.Equal(ticks, duration.Ticks);
    }

    [Theory]
    [InlineData("5 S")] // duration units are lowercase only
    [InlineData("5 sec")]
    [InlineData("5 Seconds")]
    [InlineData("1 ns")] // finer than TimeSpan's 100 ns tick: refused, never rounded
    [InlineData("five seconds")]
    [InlineData("5 s s")]
    [InlineData("")]
    [InlineData("99999999999 d")] // beyond TimeSpan's range
    public void Text_that_is_not_a_duration_is_refused(string text)
    {
        Assert.False(HoconDuration.TryParse(text, requireUnit: false, out _));
    }

    [Fact]
    public void A_bare_number_is_not_a_duration_when_a_unit_is_required()
    {
        Assert.False(HoconDuration.TryParse("500", requireUnit: true, out _));
        Assert.False(HoconByteSize.TryParse("500", requireUnit: true, out _));
    }

    [Theory]
    [InlineData("10", 10)]
    [InlineData("10 B", 10)]
    [InlineData("10b", 10)]
    [InlineData("1 byte", 1)]
    [InlineData("10 bytes", 10)]
    [InlineData("4 kB", 4_000)]
    [InlineData("4 kilobytes", 4_000)]
    [InlineData("4 K", 4_096)]
    [InlineData("4k", 4_096)]
    [InlineData("4 Ki", 4_096)]
    [InlineData("4 KiB", 4_096)]
    [InlineData("4 kibibytes", 4_096)]
    [InlineData("1.5 KiB", 1_536)]
    [InlineData("1 MB", 1_000_000)]
    [InlineData("1 megabyte", 1_000_000)]
    [InlineData("1 M", 1_048_576)]
    [InlineData("1m", 1_048_576)]
    [InlineData("1 MiB", 1_048_576)]
    [InlineData("2 GB", 2_000_000_000)]
    [InlineData("2 GiB", 2_147_483_648)]
    [InlineData("2 gibibytes", 2_147_483_648)]
    [InlineData("1 TB", 1_000_000_000_000)]
    [InlineData("1 Ti", 1_099_511_627_776)]
    [InlineData("1 PB", 1_000_000_000_000_000)]
    [InlineData("1 EiB", 1_152_921_504_606_846_976)]
    public void Sizes_convert_to_bytes_with_the_spec_units(string text, long bytes)
    {
        Assert.True(HoconByteSize.TryParse(text, requireUnit: false, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("0.5 B")] // a fraction of a byte
    [InlineData("8 EiB")] // does not fit in a long
    [InlineData("1 ZiB")]
    [InlineData("1 KB")] // not in the spec: powers of ten are kB, MB, GB...; powers of two K, KiB...
    [InlineData("1 kb")]
    [InlineData("1 Kib")]
    [InlineData("1 bits")]
    public void Text_that_is_not_a_size_is_refused(string text)
    {
        Assert.False(HoconByteSize.TryParse(text, requireUnit: false, out _));
    }

    [Fact]
    public void HoconConfig_reads_units_from_strings_and_bare_numbers()
    {
        var config = Hocon.Parse("timeout = 5s\nbare-ms = 250\nbuffer = 4 KiB\nbare-bytes = 512");

        Assert.Equal(TimeSpan.FromSeconds(5), config.GetDuration("timeout"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.GetDuration("bare-ms"));
        Assert.Equal(4_096, config.GetBytes("buffer"));
        Assert.Equal(512, config.GetBytes("bare-bytes"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("\"true\"", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void Booleans_read_from_the_six_spec_spellings(string written, bool expected)
    {
        Assert.Equal(expected, Hocon.Parse("flag = " + written).GetBoolean("flag"));
    }

    [Fact]
    public void Numbers_read_from_numbers_and_from_strings_that_hold_them()
    {
        var config = Hocon.Parse("a = 42\nb = \"42\"\nc = 1.5e3\nd = 9000000000");

        Assert.Equal(42, config.GetInt("a"));
        Assert.Equal(42, config.GetInt("b"));
        Assert.Equal(1_500d, config.GetDouble("c"));
        Assert.Equal(9_000_000_000L, config.GetLong("d"));
        Assert.Throws<HoconException>(() => config.GetInt("d"));
    }

    [Fact]
    public void Typed_accessors_cover_strings_lists_sub_configs_and_presence()
    {
        var config = Hocon.Parse("a { b = [x, \"y\", 3], n = null, s = hello world }");

        Assert.Equal(["x", "y", "3"], config.GetStringList("a.b"));
        Assert.Equal("hello world", config.GetConfig("a").GetString("s"));
        Assert.True(config.HasPath("a.s"));
        Assert.False(config.HasPath("a.n")); // null counts as absent, as the spec's API recommends
        Assert.False(config.HasPath("a.missing"));
    }

    [Fact]
    public void An_object_with_index_keys_reads_as_an_array_in_index_order()
    {
        var config = Hocon.Parse("list.10 = c\nlist.2 = b\nlist.0 = a\nlist.note = ignored");

        Assert.Equal(["a", "b", "c"], config.GetStringList("list"));
    }
}
