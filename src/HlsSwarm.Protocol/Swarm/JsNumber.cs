using System.Globalization;
using System.Numerics;
using System.Text;

namespace HlsSwarm.Protocol.Swarm;

/// <summary>
/// The few JavaScript number conversions the 2.3.x canonical string depends on (spec §1.2): <c>Number(string)</c>,
/// <c>parseInt(string, 10)</c>, <c>Number.prototype.toString()</c> and <c>toString(16)</c> of an integer, with the
/// ECMAScript rules rather than .NET's (ECMA-262 §7.1.4.1.1 StringToNumber, §19.2.5 parseInt,
/// §6.1.6.1.20 Number::toString). Never throws: anything JS turns into <c>NaN</c> is <see cref="double.NaN"/>.
/// </summary>
public static class JsNumber
{
    /// <summary>Largest integer a JS Number holds exactly, <c>Number.MAX_SAFE_INTEGER</c> = 2^53 − 1.</summary>
    public const double MaxSafeInteger = 9007199254740991d;

    /// <summary>
    /// True for the characters ECMAScript trims: WhiteSpace (TAB, VT, FF, SP, NBSP, ZWNBSP and category Zs) and
    /// LineTerminator (LF, CR, LS, PS). ECMA-262 §12.2, §12.3.
    /// </summary>
    public static bool IsWhiteSpace(char c) => c switch
    {
        '\t' or '\v' or '\f' or ' ' or '\u00A0' or '\uFEFF' or '\n' or '\r' or '\u2028' or '\u2029' => true,
        _ => c > 0x7F && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator,
    };

    /// <summary>JS <c>String.prototype.trim()</c>: removes <see cref="IsWhiteSpace"/> characters at both ends.</summary>
    public static string Trim(string s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsWhiteSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsWhiteSpace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    /// <summary>
    /// JS <c>Number(s)</c> for a string: trimmed; empty is 0; <c>Infinity</c> with an optional sign; decimal
    /// literals with optional sign, fraction and exponent (<c>1.</c>, <c>.5</c>, <c>1e-7</c>); unsigned
    /// <c>0x</c>/<c>0o</c>/<c>0b</c> integers; anything else (including <c>NaN</c>, <c>inf</c>, <c>1_000</c>,
    /// <c>30fps</c>, <c>-0x10</c>) is NaN. Decimal values are correctly rounded, as in V8.
    /// </summary>
    public static double ParseNumber(string? s)
    {
        if (s is null)
        {
            return double.NaN;
        }

        var t = Trim(s);
        if (t.Length == 0)
        {
            return 0;
        }

        switch (t)
        {
            case "Infinity" or "+Infinity":
                return double.PositiveInfinity;
            case "-Infinity":
                return double.NegativeInfinity;
        }

        if (t.Length > 2 && t[0] == '0')
        {
            int radix = t[1] switch { 'x' or 'X' => 16, 'o' or 'O' => 8, 'b' or 'B' => 2, _ => 0 };
            if (radix != 0)
            {
                return ParseUnsignedRadix(t.AsSpan(2), radix);
            }
        }

        int i = 0;
        if (t[i] is '+' or '-')
        {
            i++;
        }

        int mantissaDigits = 0;
        bool nonZeroMantissa = false;
        while (i < t.Length && char.IsAsciiDigit(t[i]))
        {
            nonZeroMantissa |= t[i] != '0';
            i++;
            mantissaDigits++;
        }

        if (i < t.Length && t[i] == '.')
        {
            i++;
            while (i < t.Length && char.IsAsciiDigit(t[i]))
            {
                nonZeroMantissa |= t[i] != '0';
                i++;
                mantissaDigits++;
            }
        }

        if (mantissaDigits == 0)
        {
            return double.NaN;
        }

        bool negativeExponent = false;
        if (i < t.Length && t[i] is 'e' or 'E')
        {
            i++;
            if (i < t.Length && t[i] is '+' or '-')
            {
                negativeExponent = t[i] == '-';
                i++;
            }

            int exponentDigits = 0;
            while (i < t.Length && char.IsAsciiDigit(t[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return double.NaN;
            }
        }

        if (i != t.Length)
        {
            return double.NaN;
        }

        if (double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // The grammar is valid, so only an absurd exponent can get here: it overflows to ±Infinity or underflows to ±0.
        bool negative = t[0] == '-';
        double magnitude = !nonZeroMantissa || negativeExponent ? 0d : double.PositiveInfinity;
        return negative ? -magnitude : magnitude;
    }

    /// <summary>
    /// JS <c>parseInt(s, 10)</c>: leading white space skipped, an optional sign, then the longest run of ASCII
    /// digits (the rest is ignored); NaN when there is no digit (<c>null</c>, empty, <c>abc</c>, <c>+</c>,
    /// <c>.5</c>). <c>-0</c> gives negative zero. Long digit runs are correctly rounded.
    /// </summary>
    public static double ParseInt(string? s)
    {
        if (s is null)
        {
            return double.NaN;
        }

        int i = SkipWhiteSpaceAndSign(s, out bool negative);

        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i == start)
        {
            return double.NaN;
        }

        var value = double.Parse(s.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    /// <summary>
    /// JS <c>parseInt(s)</c> without a radix: like <see cref="ParseInt"/>, except that a <c>0x</c>/<c>0X</c> after the
    /// optional sign switches to hexadecimal (the longest run of hex digits; NaN if there is none).
    /// </summary>
    public static double ParseIntAutoRadix(string? s)
    {
        if (s is null)
        {
            return double.NaN;
        }

        int i = SkipWhiteSpaceAndSign(s, out bool negative);

        if (i + 1 < s.Length && s[i] == '0' && s[i + 1] is 'x' or 'X')
        {
            int start = i + 2, end = start;
            while (end < s.Length && char.IsAsciiHexDigit(s[end]))
            {
                end++;
            }

            var value = ParseUnsignedRadix(s.AsSpan(start, end - start), 16);
            return negative ? -value : value;
        }

        return ParseInt(s);
    }

    /// <summary>The start of parseInt's digits: leading JS white space skipped, then one optional sign.</summary>
    private static int SkipWhiteSpaceAndSign(string s, out bool negative)
    {
        int i = 0;
        while (i < s.Length && IsWhiteSpace(s[i]))
        {
            i++;
        }

        negative = false;
        if (i < s.Length && s[i] is '+' or '-')
        {
            negative = s[i] == '-';
            i++;
        }

        return i;
    }

    /// <summary>
    /// hls.js <c>AttrList.decimalInteger</c>: <see cref="ParseInt"/>, and <c>Infinity</c> for values above
    /// <see cref="MaxSafeInteger"/>.
    /// </summary>
    public static double HlsDecimalInteger(string? s)
    {
        var value = ParseInt(s);
        return value > MaxSafeInteger ? double.PositiveInfinity : value;
    }

    /// <summary>
    /// JS <c>String(x)</c> for a Number (ECMA-262 Number::toString, radix 10): the shortest digits that round-trip;
    /// plain notation for decimal exponents −7 &lt; e &lt; 21 (<c>123456789012345680000</c>, <c>0.000001</c>),
    /// otherwise <c>1e+21</c>, <c>1.5e-7</c>; <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>; both zeros are
    /// <c>0</c>.
    /// </summary>
    public static string ToJsString(double x)
    {
        if (double.IsNaN(x))
        {
            return "NaN";
        }

        if (x == 0)
        {
            return "0";
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? "Infinity" : "-Infinity";
        }

        if (x < 0)
        {
            return "-" + ToJsString(-x);
        }

        // .NET's "R" gives the same shortest round-trip digits; only the layout differs, so take digits and exponent
        // from it and lay them out the JS way.
        var r = x.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? r : r[..e];
        int exponent = e < 0 ? 0 : int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, point), mantissa.AsSpan(point + 1));
        int n = (point < 0 ? mantissa.Length : point) + exponent;
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }

        digits = digits[lead..].TrimEnd('0');
        n -= lead;
        int k = digits.Length;

        var sb = new StringBuilder(32);
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (k > 1)
            {
                sb.Append('.').Append(digits, 1, k - 1);
            }

            int e10 = n - 1;
            sb.Append('e').Append(e10 < 0 ? '-' : '+').Append(Math.Abs(e10).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>
    /// JS <c>x.toString(16)</c> for an integral Number such as <c>parseInt</c> returns (lower-case, no leading
    /// zeros, <c>-</c> for negatives); <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c> as JS prints them. A fraction is
    /// truncated (JS would print hex fraction digits; <c>parseInt</c> never produces one).
    /// </summary>
    public static string ToHexString(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x))
        {
            return ToJsString(x);
        }

        if (x < 0)
        {
            return "-" + ToHexString(-x);
        }

        var hex = new BigInteger(x).ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return hex.Length == 0 ? "0" : hex;
    }

    private static double ParseUnsignedRadix(ReadOnlySpan<char> digits, int radix)
    {
        if (digits.IsEmpty)
        {
            return double.NaN;
        }

        var value = BigInteger.Zero;
        foreach (var c in digits)
        {
            int d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return double.NaN;
            }

            value = (value * radix) + d;
        }

        return (double)value;
    }
}
