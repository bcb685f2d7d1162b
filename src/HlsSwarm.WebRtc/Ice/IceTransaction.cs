using System.Net;

namespace HlsSwarm.WebRtc.Ice;

/// <summary>
/// An outstanding STUN request of the agent: a connectivity check, a consent check or a STUN-server request.
/// Retransmissions reuse the transaction id and bytes (RFC 8489 §6.2.1).
/// </summary>
internal sealed class IceTransaction
{
    public required TransactionKey Key { get; init; }

    public required IceTransactionKind Kind { get; init; }

    public required IPEndPoint LocalSocket { get; init; }

    public required IPEndPoint Destination { get; init; }

    public required byte[] Payload { get; init; }

    /// <summary>The pair checked (checks and consent), or null for a STUN-server request.</summary>
    public IceCandidatePair? Pair { get; init; }

    /// <summary>The role the request was sent with (ICE-CONTROLLING or ICE-CONTROLLED), for 487 handling.</summary>
    public IceRole Role { get; init; }

    /// <summary>Whether the request carried USE-CANDIDATE.</summary>
    public bool UseCandidate { get; init; }

    public int Sends { get; set; }

    /// <summary>When the first copy was sent (for the round-trip time).</summary>
    public long SentAt { get; init; }

    public long Rto { get; set; }

    public long NextSendAt { get; set; }
}
