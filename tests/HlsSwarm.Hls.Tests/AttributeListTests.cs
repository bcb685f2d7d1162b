using HlsSwarm.Hls;
using Xunit;

namespace HlsSwarm.Hls.Tests;

/// <summary>Attribute lists (RFC 8216 §4.2): raw values, order, and strict typed accessors.</summary>
public class AttributeListTests
{
    [Fact]
    public void Values_keep_order_quotes_and_raw_text()
    {
        var a = AttributeList.Parse("TYPE=AUDIO,NAME=\"a, b\",X=\"\",IV=0x0A,N=12,N=13");
        Assert.Equal(["TYPE", "NAME", "X", "IV", "N", "N"], a.Select(x => x.Name));
        Assert.Equal("a, b", a["NAME"]);
        Assert.True(a[1].Quoted);
        Assert.False(a[0].Quoted);
        Assert.Equal("13", a["N"]); // hls.js: the last one wins
        Assert.Null(a["MISSING"]);
        Assert.Equal("TYPE=AUDIO,NAME=\"a, b\",X=\"\",IV=0x0A,N=12,N=13", a.ToString());
        Assert.Equal(a, AttributeList.Parse(a.ToString()));
        Assert.NotEqual(a, AttributeList.Parse("TYPE=AUDIO"));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("18446744073709551615", null)] // RFC allows 2^64-1; beyond long here: null, raw kept
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-1", null)]
    [InlineData("1.5", null)]
    [InlineData(" 1", null)]
    [InlineData("", null)]
    [InlineData("800000kbps", null)]
    public void Decimal_integers_are_strict(string raw, long? expected) =>
        Assert.Equal(expected, AttributeList.Parse($"V={raw}").GetDecimalInteger("V"));

    [Theory]
    [InlineData("29.970", "29.970")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("5", "5")]
    [InlineData("1e3", null)]
    [InlineData("0x1e", null)]
    [InlineData(".5", null)]
    [InlineData("5.", null)]
    [InlineData("1.2.3", null)]
    [InlineData("12345678901234567890.5", "12345678901234567890.5")]
    [InlineData("9999999999999999999", "9999999999999999999")]
    public void Decimals_are_strict(string raw, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), AttributeList.Parse($"V={raw}").GetDecimal("V"));

    [Fact]
    public void Decimals_keep_the_written_scale_like_decimal_parse()
    {
        var d = AttributeList.Parse("D=4.000000").GetDecimal("D")!.Value;
        Assert.Equal("4.000000", d.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(decimal.Parse("4.000000", System.Globalization.CultureInfo.InvariantCulture), d);
    }

    [Fact]
    public void Other_typed_accessors()
    {
        var a = AttributeList.Parse("R=1920x1080,BAD=1920X1080,Y=YES,L=yes,H=0xABC,D=\"2026-11-25T12:00:00.5+01:00\",E=\"soon\"");
        Assert.Equal((1920, 1080), a.GetResolution("R"));
        Assert.Null(a.GetResolution("BAD"));
        Assert.True(a.GetYes("Y"));
        Assert.False(a.GetYes("L"));
        Assert.False(a.GetYes("NONE"));
        Assert.Equal([0x0A, 0xBC], a.GetHexBytes("H")!);
        Assert.Null(a.GetHexBytes("R"));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 0, 0, 500, TimeSpan.FromHours(1)), a.GetDateTime("D"));
        Assert.Null(a.GetDateTime("E"));
        Assert.True(a.Contains("E"));
        Assert.Same(AttributeList.Empty, AttributeList.Parse(""));
    }
}
