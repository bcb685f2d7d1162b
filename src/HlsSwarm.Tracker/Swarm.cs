using HlsSwarm.Protocol.Tracker;

namespace HlsSwarm.Tracker;

/// <summary>The peers of one info_hash. A list for random sampling plus a dictionary for lookup by peer id.</summary>
internal sealed class Swarm
{
    private readonly Dictionary<WireId, SwarmPeer> _byPeerId = new();
    private readonly List<SwarmPeer> _peers = new();

    public Swarm(WireId infoHash)
    {
        InfoHash = infoHash;
    }

    public WireId InfoHash { get; }

    public int Count => _peers.Count;

    public int Complete { get; set; }

    public int Incomplete => _peers.Count - Complete;

    /// <summary>Number of <c>completed</c> events seen (scrape <c>downloaded</c>).</summary>
    public int Downloaded { get; set; }

    public SwarmPeer this[int index] => _peers[index];

    public SwarmPeer? Find(WireId peerId) => _byPeerId.GetValueOrDefault(peerId);

    public void Add(SwarmPeer peer)
    {
        peer.SwarmIndex = _peers.Count;
        _peers.Add(peer);
        _byPeerId.Add(peer.PeerId, peer);
        if (peer.Complete)
        {
            Complete++;
        }
    }

    public void Remove(SwarmPeer peer)
    {
        var last = _peers.Count - 1;
        Swap(peer.SwarmIndex, last);
        _peers.RemoveAt(last);
        _byPeerId.Remove(peer.PeerId);
        if (peer.Complete)
        {
            Complete--;
        }
    }

    /// <summary>Exchanges two positions of the peer list, keeping <see cref="SwarmPeer.SwarmIndex"/> right.</summary>
    public void Swap(int i, int j)
    {
        if (i == j)
        {
            return;
        }

        var a = _peers[i];
        var b = _peers[j];
        _peers[i] = b;
        _peers[j] = a;
        a.SwarmIndex = j;
        b.SwarmIndex = i;
    }
}
