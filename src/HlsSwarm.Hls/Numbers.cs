using System.Globalization;

namespace HlsSwarm.Hls;

/// <summary>The value types of RFC 8216 §4.2, parsed strictly from spans without allocating.</summary>
internal static class Numbers
{
    /// <summary>decimal-integer: digits only, no sign, no white space; at most <see cref="long.MaxValue"/>.</summary>
    public static bool TryParseDecimalInteger(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 19)
            return false;
        foreach (var c in s)
        {
            var d = c - '0';
            if ((uint)d > 9)
                return false;
            if (value > (long.MaxValue - d) / 10)
                return false;
            value = value * 10 + d;
        }
        return true;
    }

    /// <summary>decimal-integer that fits an <see cref="int"/>.</summary>
    public static bool TryParseInt(ReadOnlySpan<char> s, out int value)
    {
        var ok = TryParseDecimalInteger(s, out var v) && v <= int.MaxValue;
        value = ok ? (int)v : 0;
        return ok;
    }

    /// <summary>decimal-floating-point: digits with an optional fraction, no sign, no exponent.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 64 || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[^1]))
            return false;
        // Fast path for what EXTINF durations look like (up to 18 digits): one pass, no culture lookup. The result
        // keeps the written scale, exactly as decimal.Parse does ("4.000000" stays 4.000000).
        if (s.Length <= 19)
        {
            ulong mantissa = 0;
            var scale = -1;
            foreach (var c in s)
            {
                if (c == '.')
                {
                    if (scale >= 0)
                        return false;
                    scale = 0;
                    continue;
                }
                var d = (uint)(c - '0');
                if (d > 9)
                    return false;
                mantissa = mantissa * 10 + d;
                if (scale >= 0)
                    scale++;
            }
            value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, false, (byte)Math.Max(scale, 0));
            return true;
        }
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>signed-decimal-floating-point: an optional minus sign, then a decimal-floating-point.</summary>
    public static bool TryParseSignedDecimal(ReadOnlySpan<char> s, out decimal value)
    {
        if (!s.IsEmpty && s[0] == '-')
        {
            var ok = TryParseDecimal(s[1..], out var magnitude);
            value = -magnitude;
            return ok;
        }
        return TryParseDecimal(s, out value);
    }

    /// <summary>hexadecimal-sequence <c>0x…</c> or <c>0X…</c>; an odd number of digits gets a leading zero.</summary>
    public static bool TryParseHexSequence(ReadOnlySpan<char> s, out byte[]? bytes)
    {
        bytes = null;
        if (s.Length < 3 || s[0] != '0' || (s[1] | 0x20) != 'x')
            return false;
        var digits = s[2..];
        var result = new byte[(digits.Length + 1) / 2];
        var odd = digits.Length & 1;
        for (var i = 0; i < digits.Length; i++)
        {
            var nibble = HexValue(digits[i]);
            if (nibble < 0)
                return false;
            var pos = i + odd;
            result[pos / 2] |= (byte)((pos & 1) == 0 ? nibble << 4 : nibble);
        }
        bytes = result;
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>An ISO 8601 date-time as in RFC 8216 §4.3.2.6 (a time zone is expected; without one, UTC is assumed).</summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        // A date-time is short; refusing long text keeps DateTimeOffset's parser off hostile input.
        return s.Length is >= 10 and <= 64 && char.IsAsciiDigit(s[0])
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>
    /// A byte range <c>n[@o]</c> (RFC 8216 §4.3.2.2). <paramref name="offset"/> is null when <c>@o</c> is absent.
    /// </summary>
    public static bool TryParseByteRange(ReadOnlySpan<char> s, out long length, out long? offset)
    {
        offset = null;
        var at = s.IndexOf('@');
        if (at < 0)
            return TryParseDecimalInteger(s, out length);
        if (!TryParseDecimalInteger(s[..at], out length) || !TryParseDecimalInteger(s[(at + 1)..], out var o))
            return false;
        offset = o;
        // The range must not run past long.MaxValue, so that ByteRange.End never overflows.
        return o <= long.MaxValue - length;
    }
}
