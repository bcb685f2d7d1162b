namespace HlsSwarm.WebRtc.Ice;

/// <summary>What an <see cref="IceEvent"/> reports.</summary>
public enum IceEventKind
{
    /// <summary><see cref="IceEvent.State"/> is the new connection state.</summary>
    StateChanged,

    /// <summary><see cref="IceEvent.Pair"/> is the pair to send application data (DTLS) on from now on.</summary>
    SelectedPairChanged,

    /// <summary><see cref="IceEvent.Candidate"/> is a new local (server-reflexive) candidate for the SDP.</summary>
    LocalCandidate,

    /// <summary>Every STUN-server request has been answered or has timed out; the SDP can be sent.</summary>
    GatheringComplete,

    /// <summary><see cref="IceEvent.Role"/> is the role after a role conflict (RFC 8445 §7.3.1.1, §7.2.5.1).</summary>
    RoleChanged,
}
