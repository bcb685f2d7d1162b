namespace HlsSwarm.WebRtc.Sdp;

/// <summary>How the data-channel media section is written (<see href="https://www.rfc-editor.org/rfc/rfc8841#section-4">RFC 8841 §4</see>).</summary>
public enum SctpMediaProtocol
{
    /// <summary>
    /// <c>m=application 9 UDP/DTLS/SCTP webrtc-datachannel</c> with <c>a=sctp-port</c> (RFC 8841): what current
    /// browsers send.
    /// </summary>
    UdpDtlsSctp,

    /// <summary>
    /// <c>m=application 9 DTLS/SCTP 5000</c> with <c>a=sctpmap:5000 webrtc-datachannel 1024</c> (draft-ietf-mmusic-sctp-sdp-05):
    /// old Firefox. Parsed, and answered in the same form.
    /// </summary>
    LegacyDtlsSctp,
}
