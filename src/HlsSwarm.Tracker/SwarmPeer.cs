using HlsSwarm.Protocol.Tracker;

namespace HlsSwarm.Tracker;

/// <summary>One (info_hash, peer_id) registration: which connection reaches it, when it was last refreshed.</summary>
internal sealed class SwarmPeer
{
    public SwarmPeer(Swarm swarm, WireId peerId, TrackerConnectionState connection)
    {
        Swarm = swarm;
        PeerId = peerId;
        Connection = connection;
    }

    public Swarm Swarm { get; }

    public WireId PeerId { get; }

    /// <summary>The connection the latest announce of this peer id arrived on (spec §2.5 point 3: always rebind).</summary>
    public TrackerConnectionState Connection { get; set; }

    /// <summary>Position in <see cref="Swarm"/>'s peer list (for O(1) removal and random sampling).</summary>
    public int SwarmIndex { get; set; }

    /// <summary>Position in the connection's registration list.</summary>
    public int ConnectionIndex { get; set; }

    public long LastSeen { get; set; }

    public bool Complete { get; set; }

    /// <summary>Expiry list neighbours, oldest first (<see cref="PeerExpiryList"/>).</summary>
    public SwarmPeer? Older { get; set; }

    /// <summary>Expiry list neighbours, oldest first (<see cref="PeerExpiryList"/>).</summary>
    public SwarmPeer? Newer { get; set; }

    public bool InExpiryList { get; set; }
}
