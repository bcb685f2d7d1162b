namespace HlsSwarm.WebRtc.Demux;

/// <summary>
/// The protocol a datagram on a WebRTC 5-tuple belongs to, from its first byte
/// (<see href="https://www.rfc-editor.org/rfc/rfc7983#section-7">RFC 7983 §7</see>).
/// </summary>
public enum PacketKind
{
    /// <summary>Empty datagram or a first byte in no assigned range: drop it (RFC 7983 §7, "else drop").</summary>
    Unknown,

    /// <summary>STUN (RFC 8489), first byte 0–3: ICE connectivity checks and consent freshness.</summary>
    Stun,

    /// <summary>ZRTP (RFC 6189), first byte 16–19: not used by data channels, dropped by callers.</summary>
    Zrtp,

    /// <summary>DTLS (RFC 6347), first byte 20–63: the handshake and the records that carry SCTP.</summary>
    Dtls,

    /// <summary>TURN ChannelData (RFC 8656), first byte 64–79.</summary>
    TurnChannel,

    /// <summary>RTP or RTCP (RFC 3550), first byte 128–191: media, which a data-only session never sees.</summary>
    RtpRtcp,
}
