namespace HlsSwarm.WebRtc.Demux;

/// <summary>
/// Sorts datagrams arriving on one UDP 5-tuple by their first byte, as
/// <see href="https://www.rfc-editor.org/rfc/rfc7983#section-7">RFC 7983 §7</see> prescribes:
/// <code>
///                  +----------------+
///                  |        [0..3] -+--&gt; forward to STUN
///                  |                |
///                  |      [16..19] -+--&gt; forward to ZRTP
///                  |                |
///      packet --&gt;  |      [20..63] -+--&gt; forward to DTLS
///                  |                |
///                  |      [64..79] -+--&gt; forward to TURN Channel
///                  |                |
///                  |    [128..191] -+--&gt; forward to RTP/RTCP
///                  +----------------+
/// </code>
/// Every other first byte (4–15, 80–127, 192–255) is dropped. Pure and allocation-free.
/// </summary>
public static class PacketClassifier
{
    /// <summary>Classifies <paramref name="datagram"/> by its first byte; an empty datagram is <see cref="PacketKind.Unknown"/>.</summary>
    public static PacketKind Classify(ReadOnlySpan<byte> datagram) =>
        datagram.IsEmpty ? PacketKind.Unknown : Classify(datagram[0]);

    /// <summary>Classifies a datagram by its <paramref name="firstByte"/> (RFC 7983 §7).</summary>
    public static PacketKind Classify(byte firstByte) => firstByte switch
    {
        <= 3 => PacketKind.Stun,
        >= 16 and <= 19 => PacketKind.Zrtp,
        >= 20 and <= 63 => PacketKind.Dtls,
        >= 64 and <= 79 => PacketKind.TurnChannel,
        >= 128 and <= 191 => PacketKind.RtpRtcp,
        _ => PacketKind.Unknown,
    };
}
