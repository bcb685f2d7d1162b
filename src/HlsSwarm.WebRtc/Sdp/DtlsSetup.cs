namespace HlsSwarm.WebRtc.Sdp;

/// <summary>
/// The SDP <c>a=setup</c> attribute (<see href="https://www.rfc-editor.org/rfc/rfc4145#section-4">RFC 4145 §4</see>,
/// used for DTLS by <see href="https://www.rfc-editor.org/rfc/rfc8842#section-5">RFC 8842 §5</see>): which side
/// starts the DTLS handshake.
/// </summary>
public enum DtlsSetup
{
    /// <summary><c>actpass</c>: the offerer lets the answerer choose (what every browser offers).</summary>
    ActPass,

    /// <summary><c>active</c>: this endpoint is the DTLS client.</summary>
    Active,

    /// <summary><c>passive</c>: this endpoint is the DTLS server.</summary>
    Passive,
}
