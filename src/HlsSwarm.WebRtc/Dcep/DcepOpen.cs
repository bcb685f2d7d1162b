using System.Buffers.Binary;
using System.Text;

namespace HlsSwarm.WebRtc.Dcep;

/// <summary>
/// DATA_CHANNEL_OPEN (<see href="https://www.rfc-editor.org/rfc/rfc8832#section-5.1">RFC 8832 §5.1</see>), sent with
/// PPID 50 on the stream the channel will use.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Message Type |  Channel Type |            Priority           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                    Reliability Parameter                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Label Length          |       Protocol Length         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                             Label                             \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// \                            Protocol                           \
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The reliability parameter is the retransmission count or the lifetime in ms; 0 for reliable channels.
/// </remarks>
/// <param name="ChannelType">Ordering and reliability policy.</param>
/// <param name="Priority">Priority (RFC 8831 §6.4; browsers send 256 for "low" … 512 "medium"; 0 is fine).</param>
/// <param name="ReliabilityParameter">Retransmissions or lifetime in milliseconds.</param>
/// <param name="Label">The channel label.</param>
/// <param name="Protocol">The subprotocol (often empty).</param>
public readonly record struct DcepOpen(DataChannelType ChannelType, ushort Priority, uint ReliabilityParameter, string Label, string Protocol)
{
    private const int FixedLength = 12;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Length on the wire.</summary>
    public int GetSerializedLength() => FixedLength + Encoding.UTF8.GetByteCount(Label) + Encoding.UTF8.GetByteCount(Protocol);

    /// <summary>Decodes a DATA_CHANNEL_OPEN; bytes after the protocol are ignored.</summary>
    public static DcepDecodeError TryRead(ReadOnlySpan<byte> source, out DcepOpen value, out int consumed)
    {
        value = default;
        consumed = 0;
        if (source.Length < FixedLength)
        {
            return DcepDecodeError.TooShort;
        }

        if (source[0] != (byte)DcepMessageType.Open)
        {
            return DcepDecodeError.WrongType;
        }

        var type = (DataChannelType)source[1];
        if (!Enum.IsDefined(type))
        {
            return DcepDecodeError.UnknownChannelType;
        }

        int labelLength = BinaryPrimitives.ReadUInt16BigEndian(source[8..]);
        int protocolLength = BinaryPrimitives.ReadUInt16BigEndian(source[10..]);
        if (source.Length < FixedLength + labelLength + protocolLength)
        {
            return DcepDecodeError.TooShort;
        }

        string label, protocol;
        try
        {
            label = StrictUtf8.GetString(source.Slice(FixedLength, labelLength));
            protocol = StrictUtf8.GetString(source.Slice(FixedLength + labelLength, protocolLength));
        }
        catch (DecoderFallbackException)
        {
            return DcepDecodeError.BadUtf8;
        }

        value = new DcepOpen(type, BinaryPrimitives.ReadUInt16BigEndian(source[2..]), BinaryPrimitives.ReadUInt32BigEndian(source[4..]), label, protocol);
        consumed = FixedLength + labelLength + protocolLength;
        return DcepDecodeError.None;
    }

    /// <summary>Writes the message; returns its length.</summary>
    public int WriteTo(Span<byte> destination)
    {
        destination[0] = (byte)DcepMessageType.Open;
        destination[1] = (byte)ChannelType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Priority);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ReliabilityParameter);
        var label = Encoding.UTF8.GetBytes(Label, destination[FixedLength..]);
        var protocol = Encoding.UTF8.GetBytes(Protocol, destination[(FixedLength + label)..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], (ushort)label);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], (ushort)protocol);
        return FixedLength + label + protocol;
    }

    /// <summary>The bytes of this message.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[GetSerializedLength()];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>True for the unordered channel types.</summary>
    public bool Unordered => ((byte)ChannelType & 0x80) != 0;
}
