namespace HlsSwarm.WebRtc.Connection;

/// <summary>Where a <see cref="PeerConnection"/> is, like the W3C <c>RTCPeerConnectionState</c>.</summary>
public enum PeerConnectionState
{
    /// <summary>Descriptions are being exchanged; nothing is on the wire yet.</summary>
    New,

    /// <summary>ICE checks, the DTLS handshake or the SCTP handshake are running.</summary>
    Connecting,

    /// <summary>The SCTP association is up: channels open and carry messages.</summary>
    Connected,

    /// <summary>Ended normally (<see cref="PeerConnection.Close"/>, or the peer shut down or aborted).</summary>
    Closed,

    /// <summary>Ended by a failure of ICE, DTLS or SCTP (the <see cref="PeerConnectionEventKind.Failed"/> event says why).</summary>
    Failed,
}
