using System.Net;

namespace HlsSwarm.WebRtc.Ice;

/// <summary>
/// A local host socket paired with a remote candidate (<see href="https://www.rfc-editor.org/rfc/rfc8445#section-6.1.2">RFC
/// 8445 §6.1.2</see>). Server-reflexive local candidates are replaced by their base (§6.1.2.4), so every pair sends
/// from a socket the driver owns. The agent owns and updates it; the driver only reads it.
/// </summary>
public sealed class IceCandidatePair
{
    internal IceCandidatePair(IceCandidate local, IPEndPoint localSocket, IceCandidate remote, IPEndPoint remoteEndPoint)
    {
        Local = local;
        LocalSocket = localSocket;
        Remote = remote;
        RemoteEndPoint = remoteEndPoint;
    }

    /// <summary>The local host candidate (the base).</summary>
    public IceCandidate Local { get; }

    /// <summary>The socket to send from (the local candidate's address).</summary>
    public IPEndPoint LocalSocket { get; }

    /// <summary>The remote candidate (possibly peer-reflexive, learnt from a check).</summary>
    public IceCandidate Remote { get; internal set; }

    /// <summary>Where to send: the remote candidate's address.</summary>
    public IPEndPoint RemoteEndPoint { get; }

    /// <summary>Pair priority (§6.1.2.3) for the agent's current role.</summary>
    public ulong Priority { get; internal set; }

    /// <summary>Check state.</summary>
    public IceCandidatePairState State { get; internal set; }

    /// <summary>Round-trip time of the pair's last check answered without retransmission (Karn's rule), or null.</summary>
    public TimeSpan? RoundTripTime { get; internal set; }

    /// <summary>Whether the pair is nominated (§8.1.1).</summary>
    public bool Nominated { get; internal set; }

    /// <summary>The pair's foundation: local and remote foundations joined (§6.1.2.6).</summary>
    internal string Foundation => Local.Foundation + ":" + Remote.Foundation;

    /// <summary>The controlled side got USE-CANDIDATE before this pair's own check succeeded (§7.3.1.5).</summary>
    internal bool NominateOnSuccess { get; set; }

    /// <summary>The controlling side sends USE-CANDIDATE on this pair's checks (§8.1.1).</summary>
    internal bool UseCandidate { get; set; }

    /// <summary>The pair's check transaction, when <see cref="State"/> is in progress.</summary>
    internal IceTransaction? Transaction { get; set; }

    /// <summary>
    /// Pair priority of RFC 8445 §6.1.2.3: <c>2^32·MIN(G,D) + 2·MAX(G,D) + (G&gt;D ? 1 : 0)</c>, G the controlling
    /// agent's candidate priority and D the controlled one's.
    /// </summary>
    public static ulong ComputePriority(uint controlling, uint controlled) =>
        ((ulong)Math.Min(controlling, controlled) << 32) + (2ul * Math.Max(controlling, controlled)) + (controlling > controlled ? 1ul : 0ul);

    /// <inheritdoc/>
    public override string ToString() => $"{LocalSocket} -> {RemoteEndPoint} ({Remote.Type}, {State}{(Nominated ? ", nominated" : "")})";
}
