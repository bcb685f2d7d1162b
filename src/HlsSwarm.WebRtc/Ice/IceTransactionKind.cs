namespace HlsSwarm.WebRtc.Ice;

/// <summary>What an <see cref="IceTransaction"/> is for.</summary>
internal enum IceTransactionKind
{
    /// <summary>A connectivity check (RFC 8445 §7.2.4).</summary>
    Check,

    /// <summary>A consent freshness check on the selected pair (RFC 7675 §5.1).</summary>
    Consent,

    /// <summary>A Binding request to a STUN server for a server-reflexive candidate (RFC 8445 §5.1.1.2).</summary>
    Gather,
}
