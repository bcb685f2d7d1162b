namespace HlsSwarm.WebRtc;

/// <summary>The standards this WebRTC data-channel stack implements (what browsers expect: spec §3).</summary>
public static class WebRtcInfo
{
    /// <summary>The RFCs of the data-channel stack, bottom to top.</summary>
    public const string Specifications = "RFC 8489 (STUN), RFC 8445 (ICE), RFC 6347 (DTLS 1.2), RFC 9260 + RFC 8261 (SCTP over DTLS), RFC 8832 (DCEP), RFC 8841 (SDP for SCTP)";
}
