using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// What the server puts in the State Cookie of its INIT ACK so it keeps no state until COOKIE ECHO
/// (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-5.1.3">RFC 9260 §5.1.3</see>): both tags, both initial
/// TSNs, the peer's window and capabilities, the creation time, and an HMAC-SHA-256 over all of it with a key drawn
/// from the association's injected randomness.
/// </summary>
internal readonly record struct SctpStateCookie(
    uint MyTag, uint PeerTag, uint MyInitialTsn, uint PeerInitialTsn, uint PeerWindow, bool PeerForwardTsn, bool PeerReConfig, long CreatedAt)
{
    private const int BodyLength = 29;
    private const int MacLength = 16;

    public const int Length = BodyLength + MacLength;

    public byte[] Seal(byte[] key)
    {
        var cookie = new byte[Length];
        var b = cookie.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(b, MyTag);
        BinaryPrimitives.WriteUInt32BigEndian(b[4..], PeerTag);
        BinaryPrimitives.WriteUInt32BigEndian(b[8..], MyInitialTsn);
        BinaryPrimitives.WriteUInt32BigEndian(b[12..], PeerInitialTsn);
        BinaryPrimitives.WriteUInt32BigEndian(b[16..], PeerWindow);
        b[20] = (byte)((PeerForwardTsn ? 1 : 0) | (PeerReConfig ? 2 : 0));
        BinaryPrimitives.WriteInt64BigEndian(b[21..], CreatedAt);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, b[..BodyLength], mac);
        mac[..MacLength].CopyTo(b[BodyLength..]);
        return cookie;
    }

    /// <summary>Checks the MAC (in constant time) and reads the cookie; false for anything forged or malformed.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> cookie, byte[] key, out SctpStateCookie value)
    {
        value = default;
        if (cookie.Length != Length)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, cookie[..BodyLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], cookie[BodyLength..]))
        {
            return false;
        }

        value = new SctpStateCookie(
            BinaryPrimitives.ReadUInt32BigEndian(cookie),
            BinaryPrimitives.ReadUInt32BigEndian(cookie[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(cookie[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(cookie[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(cookie[16..]),
            (cookie[20] & 1) != 0,
            (cookie[20] & 2) != 0,
            BinaryPrimitives.ReadInt64BigEndian(cookie[21..]));
        return true;
    }
}
