namespace HlsSwarm.WebRtc.Dtls;

/// <summary>
/// Which side of the DTLS handshake this endpoint plays. In WebRTC it follows from the SDP <c>a=setup</c>
/// attributes (<see href="https://www.rfc-editor.org/rfc/rfc8842#section-5">RFC 8842 §5</see>): the
/// <c>active</c> endpoint is the client, the <c>passive</c> one the server. DCEP takes its stream-id parity from
/// it too (<see href="https://www.rfc-editor.org/rfc/rfc8832#section-6">RFC 8832 §6</see>: client even, server odd).
/// </summary>
public enum DtlsRole
{
    /// <summary>Sends the ClientHello (<c>a=setup:active</c>).</summary>
    Client,

    /// <summary>Waits for the ClientHello (<c>a=setup:passive</c>).</summary>
    Server,
}
