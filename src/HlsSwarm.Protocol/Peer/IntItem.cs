using System.Numerics;

namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// An Int item of a peer command body (spec §4.3): signed, sign-magnitude, big-endian, minimal length.
/// </summary>
/// <remarks>
/// <code>
///  0 1 2 3 4 5 6 7
/// +-------+-------+---------------------------------+
/// |  0x0  |   K   | K value bytes, big-endian;      |
/// | type  | 1..15 | bit 7 of the first = sign       |
/// +-------+-------+---------------------------------+
/// K = ceil((bitlen(|n|) + 1) / 8), bitlen(0) = 1
/// 127 → 01 7f, 128 → 02 00 80, −1 → 01 81, −128 → 02 80 80, 0 → 01 00
/// </code>
/// Values are limited to the JS safe-integer range |n| ≤ 2^53 − 1, which is all the JS can hold.
/// </remarks>
/// <param name="Value">The integer, |Value| ≤ <see cref="MaxSafeInteger"/>.</param>
public readonly record struct IntItem(long Value)
{
    /// <summary>JavaScript's <c>Number.MAX_SAFE_INTEGER</c>, 2^53 − 1: the largest magnitude an Int may carry.</summary>
    public const long MaxSafeInteger = (1L << 53) - 1;

    /// <summary>Largest serialized length: header plus 7 value bytes (2^53 − 1 needs 54 bits).</summary>
    public const int MaxSerializedLength = 8;

    /// <summary>The type nibble of an Int item.</summary>
    public const byte TypeNibble = 0;

    /// <summary>Number of bytes <see cref="WriteTo"/> writes: header plus value bytes.</summary>
    public int GetSerializedLength() => 1 + ValueByteCount(Value);

    /// <summary>Number of value bytes for <paramref name="value"/>: ceil((bitlen(|n|) + 1) / 8).</summary>
    internal static int ValueByteCount(long value)
    {
        var magnitude = (ulong)Math.Abs(value);
        var bits = magnitude == 0 ? 1 : 64 - BitOperations.LeadingZeroCount(magnitude);
        return (bits + 1 + 7) / 8;
    }

    /// <summary>Writes the header and value bytes; returns the number of bytes written.</summary>
    /// <exception cref="ArgumentOutOfRangeException">|Value| exceeds <see cref="MaxSafeInteger"/> (a programming error).</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="GetSerializedLength"/>.</exception>
    public int WriteTo(Span<byte> destination)
    {
        if (Value is > MaxSafeInteger or < -MaxSafeInteger)
        {
            throw new ArgumentOutOfRangeException(nameof(Value), Value, "An Int item holds at most 2^53 - 1 in magnitude (spec §4.3).");
        }

        var k = ValueByteCount(Value);
        if (destination.Length < 1 + k)
        {
            throw new ArgumentException("The destination is too short.", nameof(destination));
        }

        destination[0] = (byte)k;
        var magnitude = (ulong)Math.Abs(Value);
        for (var i = k; i >= 1; i--)
        {
            destination[i] = (byte)magnitude;
            magnitude >>= 8;
        }

        if (Value < 0)
        {
            destination[1] |= 0x80;
        }

        return 1 + k;
    }

    /// <summary>
    /// Reads one Int item from the start of <paramref name="source"/>. A lone sign bit (<c>01 80</c>) reads as 0,
    /// like the JS. Never throws.
    /// </summary>
    public static PeerDecodeError TryRead(ReadOnlySpan<byte> source, out IntItem value, out int consumed)
    {
        value = default;
        consumed = 0;
        if (source.IsEmpty)
        {
            return PeerDecodeError.TooShort;
        }

        var header = source[0];
        if (header >> 4 != TypeNibble)
        {
            return PeerDecodeError.UnknownItemType;
        }

        var k = header & 0x0F;
        if (k == 0)
        {
            return PeerDecodeError.BadLength;
        }

        if (source.Length < 1 + k)
        {
            return PeerDecodeError.TooShort;
        }

        var bytes = source.Slice(1, k);
        var negative = (bytes[0] & 0x80) != 0;
        ulong magnitude = 0;
        for (var i = 0; i < k; i++)
        {
            var b = i == 0 ? (byte)(bytes[0] & 0x7F) : bytes[i];
            if (magnitude > (ulong)MaxSafeInteger >> 8)
            {
                return PeerDecodeError.ValueOutOfRange;
            }

            magnitude = (magnitude << 8) | b;
        }

        if (magnitude > MaxSafeInteger)
        {
            return PeerDecodeError.ValueOutOfRange;
        }

        value = new IntItem(negative ? -(long)magnitude : (long)magnitude);
        consumed = 1 + k;
        return PeerDecodeError.None;
    }
}
