using System.Buffers.Binary;
using System.IO.Hashing;

namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// The CRC32c checksum of an SCTP packet (<see href="https://www.rfc-editor.org/rfc/rfc9260#appendix-A">RFC 9260 Appendix A</see>):
/// computed over the whole packet with the checksum field set to zero, and stored in the common header
/// least significant byte first (the bit-reflected CRC's natural byte order, RFC 9260 §A.2).
/// </summary>
public static class SctpChecksum
{
    /// <summary>Offset of the checksum in the common header.</summary>
    public const int Offset = 8;

    /// <summary>CRC32c (Castagnoli) of <paramref name="data"/>.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data);

    /// <summary>Computes the checksum of <paramref name="packet"/> and writes it into its common header.</summary>
    public static void Write(Span<byte> packet)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(packet[Offset..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(packet[Offset..], Compute(packet));
    }

    /// <summary>True iff the checksum stored in <paramref name="packet"/> matches its content.</summary>
    public static bool Verify(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < SctpCommonHeader.Length)
        {
            return false;
        }

        return BinaryPrimitives.ReadUInt32LittleEndian(packet[Offset..]) == Compute(packet);
    }

    private static uint Compute(ReadOnlySpan<byte> packet)
    {
        // Hash the header with a zeroed checksum field, then the rest, without copying the packet.
        var crc = new Crc32(Crc32ParameterSet.Crc32C);
        crc.Append(packet[..Offset]);
        crc.Append([0, 0, 0, 0]);
        crc.Append(packet[SctpCommonHeader.Length..]);
        return crc.GetCurrentHashAsUInt32();
    }
}
