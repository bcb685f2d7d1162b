using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace HlsSwarm.Protocol.Tracker;

/// <summary>
/// A 20-byte "binary string" id of the tracker protocol: <c>info_hash</c>, <c>peer_id</c>, <c>to_peer_id</c> or
/// <c>offer_id</c> (spec §2.1). On the wire it is a JSON string of exactly 20 characters whose every UTF-16 code
/// unit is 0..255 and stands for one byte (Latin-1 mapping). Never UTF-8-decode these bytes.
/// </summary>
/// <remarks>
/// Stored as three integers so that equality and hashing (swarm and peer dictionaries) are cheap and the struct
/// needs no heap allocation.
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public readonly struct WireId : IEquatable<WireId>
{
    /// <summary>Number of bytes (and JSON characters) of every binary-string id.</summary>
    public const int Length = 20;

    /// <summary>Largest number of UTF-8 bytes <see cref="WriteJsonString"/> can write: 20 × <c>\u00XX</c> plus two quotes.</summary>
    public const int MaxJsonLength = (Length * 6) + 2;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly uint _c;

    private WireId(ulong a, ulong b, uint c)
    {
        _a = a;
        _b = b;
        _c = c;
    }

    /// <summary>Creates an id from exactly 20 bytes; returns false for any other length.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out WireId id)
    {
        if (bytes.Length != Length)
        {
            id = default;
            return false;
        }

        id = new WireId(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[16..]));
        return true;
    }

    /// <summary>Creates an id from exactly 20 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 20 bytes long (a programming error, not peer input).</exception>
    public static WireId FromBytes(ReadOnlySpan<byte> bytes) =>
        TryFromBytes(bytes, out var id) ? id : throw new ArgumentException($"A binary-string id has exactly {Length} bytes, got {bytes.Length}.", nameof(bytes));

    /// <summary>
    /// Decodes the already-unescaped characters of a JSON string by the binary-string rule: exactly 20 characters,
    /// each 0..255 becomes one byte. Returns false for another length or a character above U+00FF.
    /// </summary>
    public static bool TryFromLatin1(ReadOnlySpan<char> chars, out WireId id)
    {
        if (chars.Length != Length)
        {
            id = default;
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        for (var i = 0; i < Length; i++)
        {
            var c = chars[i];
            if (c > 0xFF)
            {
                id = default;
                return false;
            }

            bytes[i] = (byte)c;
        }

        return TryFromBytes(bytes, out id);
    }

    /// <summary>Decodes a 20-character binary string (for example a p2p-media-loader peer id).</summary>
    /// <exception cref="ArgumentException">Not 20 characters, or a character above U+00FF (a programming error).</exception>
    public static WireId FromLatin1(string chars) =>
        TryFromLatin1(chars, out var id) ? id : throw new ArgumentException("A binary-string id is exactly 20 characters U+0000..U+00FF.", nameof(chars));

    /// <summary>Copies the 20 bytes into <paramref name="destination"/> (at least 20 bytes long).</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, _a);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], _c);
    }

    /// <summary>The 20 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>The binary string: each byte becomes the character with that code (what JS holds in memory).</summary>
    public string ToLatin1String()
    {
        return string.Create(Length, this, static (chars, id) =>
        {
            Span<byte> b = stackalloc byte[Length];
            id.CopyTo(b);
            for (var i = 0; i < Length; i++)
            {
                chars[i] = (char)b[i];
            }
        });
    }

    /// <summary>
    /// Writes the id as a quoted JSON string by the binary-string rule: bytes 0x20..0x7E except <c>"</c> and
    /// <c>\</c> raw, <c>"</c> and <c>\</c> and 0x00..0x1F escaped (short forms like JS, else <c>\u00XX</c>), 0x7F raw,
    /// 0x80..0xFF as two-byte UTF-8 of U+0080..U+00FF. Returns the number of bytes written
    /// (at most <see cref="MaxJsonLength"/>); <paramref name="destination"/> must hold <see cref="MaxJsonLength"/> bytes.
    /// </summary>
    public int WriteJsonString(Span<byte> destination)
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        var n = 0;
        destination[n++] = (byte)'"';
        foreach (var b in bytes)
        {
            if (b >= 0x80)
            {
                destination[n++] = (byte)(0xC0 | (b >> 6));
                destination[n++] = (byte)(0x80 | (b & 0x3F));
                continue;
            }

            switch (b)
            {
                case (byte)'"': destination[n++] = (byte)'\\'; destination[n++] = (byte)'"'; break;
                case (byte)'\\': destination[n++] = (byte)'\\'; destination[n++] = (byte)'\\'; break;
                case 0x08: destination[n++] = (byte)'\\'; destination[n++] = (byte)'b'; break;
                case 0x09: destination[n++] = (byte)'\\'; destination[n++] = (byte)'t'; break;
                case 0x0A: destination[n++] = (byte)'\\'; destination[n++] = (byte)'n'; break;
                case 0x0C: destination[n++] = (byte)'\\'; destination[n++] = (byte)'f'; break;
                case 0x0D: destination[n++] = (byte)'\\'; destination[n++] = (byte)'r'; break;
                default:
                    if (b < 0x20)
                    {
                        destination[n++] = (byte)'\\';
                        destination[n++] = (byte)'u';
                        destination[n++] = (byte)'0';
                        destination[n++] = (byte)'0';
                        destination[n++] = HexDigit(b >> 4);
                        destination[n++] = HexDigit(b & 0xF);
                    }
                    else
                    {
                        destination[n++] = b;
                    }

                    break;
            }
        }

        destination[n++] = (byte)'"';
        return n;
    }

    /// <summary>Lower-case hex of the 20 bytes, for logs and <c>/stats</c>.</summary>
    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The first byte, used to shard swarms over workers.</summary>
    public byte FirstByte => (byte)_a;

    /// <inheritdoc/>
    public bool Equals(WireId other) => _a == other._a && _b == other._b && _c == other._c;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is WireId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    /// <summary>The binary string, with control characters shown as <c>\u00XX</c>, for diagnostics.</summary>
    public override string ToString() => ToLatin1String();

    /// <summary>Equality of the 20 bytes.</summary>
    public static bool operator ==(WireId left, WireId right) => left.Equals(right);

    /// <summary>Inequality of the 20 bytes.</summary>
    public static bool operator !=(WireId left, WireId right) => !left.Equals(right);

    private static byte HexDigit(int v) => (byte)(v < 10 ? '0' + v : 'a' + v - 10);
}
