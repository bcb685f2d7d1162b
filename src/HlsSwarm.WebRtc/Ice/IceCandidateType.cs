namespace HlsSwarm.WebRtc.Ice;

/// <summary>
/// Candidate types (<see href="https://www.rfc-editor.org/rfc/rfc8445#section-5.1.1">RFC 8445 §5.1.1</see>), with
/// their SDP <c>typ</c> tokens (<see href="https://www.rfc-editor.org/rfc/rfc8839#section-5.1">RFC 8839 §5.1</see>).
/// </summary>
public enum IceCandidateType
{
    /// <summary><c>host</c>: an address of a local interface (or a browser's mDNS name for one).</summary>
    Host,

    /// <summary><c>srflx</c>: the address a STUN server saw (the outer side of a NAT).</summary>
    ServerReflexive,

    /// <summary><c>prflx</c>: an address learned from a connectivity check (§7.2.5.3.1, §7.3.1.3).</summary>
    PeerReflexive,

    /// <summary><c>relay</c>: an address on a TURN server.</summary>
    Relay,
}
