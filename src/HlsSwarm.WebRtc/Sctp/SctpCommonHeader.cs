using System.Buffers.Binary;

namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// The SCTP common header (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.1">RFC 9260 §3.1</see>).
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Source Port Number        |     Destination Port Number   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      Verification Tag                         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           Checksum                            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
/// <param name="SourcePort">Sender's port (5000 in WebRTC, RFC 8841 §5).</param>
/// <param name="DestinationPort">Receiver's port.</param>
/// <param name="VerificationTag">The receiver's initiate tag (0 on INIT).</param>
public readonly record struct SctpCommonHeader(ushort SourcePort, ushort DestinationPort, uint VerificationTag)
{
    /// <summary>Length of the header.</summary>
    public const int Length = 12;

    /// <summary>Reads the header; the checksum is verified separately by <see cref="SctpChecksum.Verify"/>.</summary>
    public static SctpDecodeError TryRead(ReadOnlySpan<byte> source, out SctpCommonHeader header)
    {
        if (source.Length < Length)
        {
            header = default;
            return SctpDecodeError.TooShort;
        }

        header = new SctpCommonHeader(
            BinaryPrimitives.ReadUInt16BigEndian(source),
            BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[4..]));
        return SctpDecodeError.None;
    }

    /// <summary>Writes the header with a zero checksum; returns <see cref="Length"/>.</summary>
    public int WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], VerificationTag);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], 0);
        return Length;
    }
}
