namespace HlsSwarm.Tracker;

/// <summary>What the core knows about one connection: its registrations (many swarms, many peer ids) and its rate limit.</summary>
internal sealed class TrackerConnectionState
{
    public TrackerConnectionState(long id, double tokens, long now)
    {
        Id = id;
        Tokens = tokens;
        TokensAt = now;
    }

    public long Id { get; }

    /// <summary>Every (info_hash, peer_id) registered through this connection (spec §2.5 point 8).</summary>
    public List<SwarmPeer> Peers { get; } = new(2);

    /// <summary>Token bucket of the announce rate limit.</summary>
    public double Tokens { get; set; }

    public long TokensAt { get; set; }

    public int RateLimitedInARow { get; set; }

    public bool Closing { get; set; }

    public void AddPeer(SwarmPeer peer)
    {
        peer.ConnectionIndex = Peers.Count;
        Peers.Add(peer);
    }

    public void RemovePeer(SwarmPeer peer)
    {
        var last = Peers.Count - 1;
        var moved = Peers[last];
        Peers[peer.ConnectionIndex] = moved;
        moved.ConnectionIndex = peer.ConnectionIndex;
        Peers.RemoveAt(last);
    }

    public bool HasSwarm(Swarm swarm)
    {
        foreach (var p in Peers)
        {
            if (ReferenceEquals(p.Swarm, swarm))
            {
                return true;
            }
        }

        return false;
    }

    public int CountSwarms()
    {
        var count = 0;
        for (var i = 0; i < Peers.Count; i++)
        {
            var seen = false;
            for (var j = 0; j < i; j++)
            {
                if (ReferenceEquals(Peers[j].Swarm, Peers[i].Swarm))
                {
                    seen = true;
                    break;
                }
            }

            if (!seen)
            {
                count++;
            }
        }

        return count;
    }
}
