using System.Globalization;
using System.Text;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Instruments;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.Feeds.Tests.Venues;

public class DecimalTextTests
{
    [Theory]
    [InlineData("0.35210000", 35210000L, 8)]
    [InlineData("56218.30000", 5621830000L, 5)]
    [InlineData("0", 0L, 0)]
    [InlineData("-12.5", -125L, 1)]
    [InlineData("000123", 123L, 0)]
    [InlineData("999999999999999999", 999999999999999999L, 0)]
    [InlineData("0.000000000000000001", 1L, 18)]
    public void Parses_venue_text_to_raw_and_decimals(string text, long raw, int decimals)
    {
        Assert.True(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out long r, out int d));
        Assert.Equal((raw, decimals), (r, d));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("1.2.3")]
    [InlineData("1e5")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("NaN")]
    [InlineData("1234567890123456789")] // 19 significant digits: would overflow
    [InlineData("0x10")]
    public void Refuses_anything_that_is_not_a_plain_decimal(string text) =>
        Assert.False(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));

    [Theory]
    [InlineData("0.35210000", 4, 3521L)]
    [InlineData("1.5", 8, 150000000L)]
    [InlineData("3805.44", 8, 380544000000L)]
    public void Rescales_exactly(string text, int target, long expected)
    {
        Assert.True(DecimalText.TryParseScaled(Encoding.ASCII.GetBytes(text), target, out long scaled));
        Assert.Equal(expected, scaled);
    }

    [Fact]
    public void Refuses_to_lose_precision_or_overflow()
    {
        Assert.False(DecimalText.TryParseScaled("0.123456789"u8, 8, out _));
        Assert.False(DecimalText.TryParseScaled("99999999999.5"u8, 8, out _));
    }

    [Fact]
    public void Any_decimal_round_trips_through_its_invariant_text() =>
        Prop.ForAll(ArbMap.Default.ArbFor<long>(), Gen.Choose(0, 12).ToArbitrary(), (long raw, int decimals) =>
        {
            raw %= 1_000_000_000_000_000L;
            decimal value = FixedPoint.ToDecimal(raw, decimals);
            return DecimalText.TryParse(Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture)), out long r, out int d)
                && FixedPoint.ToDecimal(r, d) == value && d == decimals;
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(5621830000L, "5621830000")]
    [InlineData(304L, "304")]
    public void Formats_digits_without_leading_zeros(long raw, string expected)
    {
        Span<byte> buffer = stackalloc byte[20];
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..DecimalText.FormatDigits(raw, buffer)]));
    }

    [Theory]
    [InlineData(35210000L, 8, 8, "0.35210000")]
    [InlineData(3350000000L, 8, 1, "33.5")]
    [InlineData(33500000000L, 8, 1, "335.0")]
    [InlineData(12310000000L, 8, 2, "123.10")]
    [InlineData(148024L, 4, 4, "14.8024")]
    [InlineData(148024L, 4, 2, "14.8024")] // the value needs more decimals than the scale: printed exactly, not rounded
    [InlineData(-125L, 1, 0, "-12.5")]
    [InlineData(0L, 8, 2, "0.00")]
    [InlineData(300L, 2, 0, "3")]
    [InlineData(5L, 0, 3, "5.000")]
    [InlineData(long.MinValue, 0, 0, "-9223372036854775808")]
    public void Formats_fixed_point_values_as_the_venue_prints_them(long raw, int decimals, int printDecimals, string expected) =>
        Assert.Equal(expected, DecimalText.Format(raw, decimals, printDecimals));

    [Fact]
    public void Formatted_text_parses_back_to_the_same_value_at_the_requested_scale() =>
        Prop.ForAll(ArbMap.Default.ArbFor<long>(), Gen.Choose(0, 12).ToArbitrary(), Gen.Choose(0, 12).ToArbitrary(), (long raw, int decimals, int print) =>
        {
            string text = DecimalText.Format(raw, decimals, print);
            Assert.True(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out long parsed, out int parsedDecimals), text);
            Assert.True(parsedDecimals >= print || parsedDecimals == decimals, text);
            Assert.Equal(FixedPoint.ToDecimal(raw, decimals), FixedPoint.ToDecimal(parsed, parsedDecimals));
        }).QuickCheckThrowOnFailure();
}

