namespace HlsSwarm.WebRtc.Dcep;

/// <summary>
/// DATA_CHANNEL_ACK (<see href="https://www.rfc-editor.org/rfc/rfc8832#section-5.2">RFC 8832 §5.2</see>): one byte, 0x02.
/// </summary>
/// <remarks>
/// <code>
///  0 1 2 3 4 5 6 7
/// +-+-+-+-+-+-+-+-+
/// |  Message Type |
/// +-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public static class DcepAck
{
    /// <summary>The encoded message.</summary>
    public static ReadOnlySpan<byte> Bytes => [(byte)DcepMessageType.Ack];

    /// <summary>Checks that <paramref name="source"/> is an ACK (trailing bytes are ignored).</summary>
    public static DcepDecodeError TryRead(ReadOnlySpan<byte> source) =>
        source.IsEmpty ? DcepDecodeError.TooShort : source[0] == (byte)DcepMessageType.Ack ? DcepDecodeError.None : DcepDecodeError.WrongType;
}
