namespace HlsSwarm.WebRtc.Connection;

/// <summary>What a <see cref="PeerConnectionEvent"/> reports.</summary>
public enum PeerConnectionEventKind
{
    /// <summary><see cref="PeerConnectionEvent.State"/> is the connection's new state.</summary>
    StateChanged,

    /// <summary><see cref="PeerConnectionEvent.IceState"/> is ICE's new state (W3C <c>iceConnectionState</c>).</summary>
    IceStateChanged,

    /// <summary>Server-reflexive gathering finished: the offer or answer now carries every candidate.</summary>
    GatheringComplete,

    /// <summary>The DTLS handshake completed and the peer's certificate matched its SDP fingerprint.</summary>
    DtlsConnected,

    /// <summary>The SCTP association is up.</summary>
    SctpConnected,

    /// <summary>A channel is open (<see cref="PeerConnectionEvent.ChannelId"/>, <see cref="PeerConnectionEvent.Label"/>).</summary>
    ChannelOpen,

    /// <summary>A message arrived on <see cref="PeerConnectionEvent.ChannelId"/> (<see cref="PeerConnectionEvent.Data"/>).</summary>
    Message,

    /// <summary>The channel's bufferedAmount fell to its low-water threshold.</summary>
    BufferedAmountLow,

    /// <summary>The channel closed (both stream directions reset, RFC 8831 §6.7, or the association ended).</summary>
    ChannelClosed,

    /// <summary>The connection ended normally; <see cref="PeerConnectionEvent.Reason"/> says how.</summary>
    Closed,

    /// <summary>The connection failed; <see cref="PeerConnectionEvent.Reason"/> says which layer and why.</summary>
    Failed,
}
