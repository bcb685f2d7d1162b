using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace HlsSwarm.WebRtc.Stun;

/// <summary>
/// Encodes and decodes the value of MAPPED-ADDRESS and XOR-MAPPED-ADDRESS
/// (<see href="https://www.rfc-editor.org/rfc/rfc8489#section-14.1">RFC 8489 §14.1</see>, §14.2).
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0 0 0 0 0 0 0|    Family     |         (X-)Port              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |             (X-)Address (32 bits or 128 bits)                 |
/// +---------------------------------------------------------------+
/// </code>
/// XOR: the port is XOR-ed with the top 16 bits of the magic cookie; an IPv4 address with the cookie; an IPv6
/// address with the cookie followed by the 96-bit transaction id.
/// </remarks>
public static class StunAddress
{
    /// <summary>Family byte of an IPv4 address.</summary>
    public const byte FamilyIPv4 = 0x01;

    /// <summary>Family byte of an IPv6 address.</summary>
    public const byte FamilyIPv6 = 0x02;

    /// <summary>The serialised value length for <paramref name="address"/>: 8 (IPv4) or 20 (IPv6).</summary>
    public static int GetValueLength(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? 20 : 8;

    /// <summary>
    /// Writes an address value; <paramref name="transactionId"/> non-empty means XOR-MAPPED-ADDRESS.
    /// Returns the bytes written (8 or 20).
    /// </summary>
    public static int Write(Span<byte> destination, IPEndPoint endPoint, ReadOnlySpan<byte> transactionId, bool xor)
    {
        var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        var length = GetValueLength(address);
        if (destination.Length < length)
        {
            throw new ArgumentException("The destination is too short.", nameof(destination));
        }

        destination[0] = 0;
        destination[1] = length == 8 ? FamilyIPv4 : FamilyIPv6;
        var port = (ushort)endPoint.Port;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], xor ? (ushort)(port ^ (StunMessage.MagicCookie >> 16)) : port);
        var bytes = destination.Slice(4, length - 4);
        if (!address.TryWriteBytes(bytes, out _))
        {
            throw new ArgumentException("The address could not be written.", nameof(endPoint));
        }

        if (xor)
        {
            XorAddress(bytes, transactionId);
        }

        return length;
    }

    /// <summary>
    /// Reads an address value; <paramref name="xor"/> selects XOR-MAPPED-ADDRESS decoding with
    /// <paramref name="transactionId"/>. Returns false on a bad family or length. Never throws.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId, bool xor, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (value.Length < 4)
        {
            return false;
        }

        var length = value[1] switch { FamilyIPv4 => 4, FamilyIPv6 => 16, _ => -1 };
        if (length < 0 || value.Length != 4 + length || (xor && transactionId.Length != StunMessage.TransactionIdLength))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        bytes = bytes[..length];
        value.Slice(4, length).CopyTo(bytes);
        var port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]);
        if (xor)
        {
            port ^= (ushort)(StunMessage.MagicCookie >> 16);
            XorAddress(bytes, transactionId);
        }

        endPoint = new IPEndPoint(new IPAddress(bytes), port);
        return true;
    }

    private static void XorAddress(Span<byte> bytes, ReadOnlySpan<byte> transactionId)
    {
        Span<byte> key = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(key, StunMessage.MagicCookie);
        if (bytes.Length == 16)
        {
            transactionId.CopyTo(key[4..]);
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] ^= key[i];
        }
    }
}
