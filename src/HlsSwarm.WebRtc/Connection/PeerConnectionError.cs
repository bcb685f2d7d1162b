namespace HlsSwarm.WebRtc.Connection;

/// <summary>Why <see cref="PeerConnection.SetRemoteDescription(string)"/> refused a description (no exception: it is peer input).</summary>
public enum PeerConnectionError
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>The SDP text did not parse (<see cref="Sdp.SdpParser"/>).</summary>
    InvalidSdp,

    /// <summary>The two <c>a=setup</c> roles do not pair up (RFC 8842 §5.3), e.g. an answer saying <c>actpass</c>.</summary>
    IncompatibleDtlsSetup,

    /// <summary>The ICE ufrag or password is malformed (RFC 8839 §5.4).</summary>
    InvalidIceCredentials,

    /// <summary>A remote description was already set, or an offerer has not created its offer yet.</summary>
    WrongState,
}
