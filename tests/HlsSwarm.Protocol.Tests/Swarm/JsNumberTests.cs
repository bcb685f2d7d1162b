using Xunit;

using HlsSwarm.Protocol.Swarm;

namespace HlsSwarm.Protocol.Tests.Swarm;

/// <summary>JS semantics, each expected value as Node 20 prints it (ECMA-262 rules).</summary>
public class JsNumberTests
{
    [Theory]
    [InlineData("30.000", "30")]
    [InlineData("29.970", "29.97")]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("23.976", "23.976")]
    [InlineData("59.94", "59.94")]
    [InlineData(" 25 ", "25")]
    [InlineData("\u00A0\t25\n", "25")]
    [InlineData("\u3000\uFEFF25\u2028", "25")]
    [InlineData("", "0")]
    [InlineData("   ", "0")]
    [InlineData("+5", "5")]
    [InlineData("-5.5", "-5.5")]
    [InlineData("1.", "1")]
    [InlineData(".5", "0.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("3e1", "30")]
    [InlineData("3E+1", "30")]
    [InlineData("2.5e-1", "0.25")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("123456789012345678901", "123456789012345680000")]
    [InlineData("1234567890123456789012", "1.2345678901234568e+21")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("1.5e-7", "1.5e-7")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000015", "0.0000015")]
    [InlineData("1e308", "1e+308")]
    [InlineData("1e309", "Infinity")]
    [InlineData("-1e309", "-Infinity")]
    [InlineData("1e-400", "0")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("0.1", "0.1")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("1e99999999999999999999", "Infinity")]
    [InlineData("1e-99999999999999999999", "0")]
    [InlineData("0e99999999999999999999", "0")]
    [InlineData("Infinity", "Infinity")]
    [InlineData("+Infinity", "Infinity")]
    [InlineData("-Infinity", "-Infinity")]
    [InlineData("0x1A", "26")]
    [InlineData("0X1a", "26")]
    [InlineData("0b101", "5")]
    [InlineData("0o17", "15")]
    [InlineData("0x", "NaN")]
    [InlineData("-0x10", "NaN")]
    [InlineData("0x1G", "NaN")]
    [InlineData("0b2", "NaN")]
    [InlineData("00012", "12")]
    [InlineData("30fps", "NaN")]
    [InlineData("inf", "NaN")]
    [InlineData("infinity", "NaN")]
    [InlineData("NaN", "NaN")]
    [InlineData("1_000", "NaN")]
    [InlineData("1,5", "NaN")]
    [InlineData(".", "NaN")]
    [InlineData("e5", "NaN")]
    [InlineData("1e", "NaN")]
    [InlineData("1e+", "NaN")]
    [InlineData("--1", "NaN")]
    [InlineData("+-1", "NaN")]
    [InlineData("１", "NaN")]
    [InlineData("\u200B1", "NaN")]
    public void Number_then_String_is_what_JS_prints(string input, string expected) =>
        Assert.Equal(expected, JsNumber.ToJsString(JsNumber.ParseNumber(input)));

    [Fact]
    public void Number_of_null_is_NaN() => Assert.True(double.IsNaN(JsNumber.ParseNumber(null)));

    [Theory]
    [InlineData("2000000", "2000000")]
    [InlineData("  2000000", "2000000")]
    [InlineData("2000000abc", "2000000")]
    [InlineData("2.5e6", "2")]
    [InlineData("+42", "42")]
    [InlineData("-42", "-42")]
    [InlineData("-0", "0")]
    [InlineData("0x10", "0")]
    [InlineData("00800000", "800000")]
    [InlineData("", "NaN")]
    [InlineData("abc", "NaN")]
    [InlineData("+", "NaN")]
    [InlineData(".5", "NaN")]
    [InlineData("- 5", "NaN")]
    [InlineData("Infinity", "NaN")]
    [InlineData("123456789012345678901234567890", "1.2345678901234568e+29")]
    public void ParseInt_is_what_JS_gives(string input, string expected) =>
        Assert.Equal(expected, JsNumber.ToJsString(JsNumber.ParseInt(input)));

    [Fact]
    public void ParseInt_keeps_negative_zero() => Assert.True(double.IsNegative(JsNumber.ParseInt("-0")));

    [Theory]
    [InlineData("9007199254740991", "9007199254740991")]
    [InlineData("9007199254740992", "Infinity")]
    [InlineData("99999999999999999999", "Infinity")]
    [InlineData("-99999999999999999999", "-100000000000000000000")]
    public void Hls_decimal_integer_turns_unsafe_values_into_Infinity(string input, string expected) =>
        Assert.Equal(expected, JsNumber.ToJsString(JsNumber.HlsDecimalInteger(input)));

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(66d, "42")]
    [InlineData(255d, "ff")]
    [InlineData(256d, "100")]
    [InlineData(1e21, "3635c9adc5dea00000")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void ToHexString_is_JS_toString_16(double value, string expected) =>
        Assert.Equal(expected, JsNumber.ToHexString(value));

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(999999999999999900000d, "999999999999999900000")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(123e-20, "1.23e-18")]
    [InlineData(-1.5e300, "-1.5e+300")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.Epsilon, "5e-324")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(4.35, "4.35")]
    [InlineData(0.000001234, "0.000001234")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    public void ToJsString_follows_Number_toString(double value, string expected) =>
        Assert.Equal(expected, JsNumber.ToJsString(value));

    [Fact]
    public void Negative_zero_prints_as_zero() => Assert.Equal("0", JsNumber.ToJsString(-0.0));
}
