namespace HlsSwarm.WebRtc.Dtls;

/// <summary>Why a <see cref="DtlsSession"/> failed.</summary>
public enum DtlsFailure
{
    /// <summary>Not failed.</summary>
    None,

    /// <summary>The peer's certificate does not hash to any fingerprint of its SDP (RFC 8827 §6.5), or it sent none.</summary>
    FingerprintMismatch,

    /// <summary>The handshake did not complete within <see cref="DtlsOptions.HandshakeTimeout"/>.</summary>
    HandshakeTimeout,

    /// <summary>The peer sent a fatal alert.</summary>
    AlertReceived,

    /// <summary>The handshake or a record broke the protocol (we sent a fatal alert), e.g. no common cipher suite.</summary>
    ProtocolError,

    /// <summary>An unexpected error inside the adapter or BouncyCastle (a bug to report, caught at the thread boundary).</summary>
    InternalError,
}
