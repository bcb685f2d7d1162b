namespace HlsSwarm.WebRtc.Dtls;

/// <summary>What a <see cref="DtlsEvent"/> reports.</summary>
public enum DtlsEventKind
{
    /// <summary>The handshake completed and the peer's certificate matched a fingerprint from its SDP.</summary>
    Connected,

    /// <summary>One application-data record arrived (for WebRTC: one SCTP packet, RFC 8261).</summary>
    ApplicationData,

    /// <summary>The session ended normally: close_notify received or sent (RFC 5246 §7.2.1).</summary>
    Closed,

    /// <summary>The session failed; <see cref="DtlsEvent.Failure"/> and <see cref="DtlsEvent.Reason"/> say why.</summary>
    Failed,
}
