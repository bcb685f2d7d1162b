namespace HlsSwarm.WebRtc.Dtls;

/// <summary>The life of a <see cref="DtlsSession"/>.</summary>
public enum DtlsState
{
    /// <summary>Created; <see cref="DtlsSession.Start"/> not called yet.</summary>
    New,

    /// <summary>The handshake is running.</summary>
    Handshaking,

    /// <summary>The handshake completed and the remote fingerprint matched: application data flows.</summary>
    Connected,

    /// <summary>Closed by either side (close_notify) or by <see cref="DtlsSession.Close"/>.</summary>
    Closed,

    /// <summary>The handshake or the connection failed; see the <see cref="DtlsEventKind.Failed"/> event.</summary>
    Failed,
}
