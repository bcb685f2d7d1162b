namespace HlsSwarm.Tracker;

/// <summary>
/// Intrusive doubly-linked list of peers ordered by last refresh, oldest first: refresh moves a peer to the end in
/// O(1), and expiry pops from the front, so the next expiry time is always the head's.
/// </summary>
internal sealed class PeerExpiryList
{
    public SwarmPeer? Oldest { get; private set; }

    private SwarmPeer? _newest;

    public void MoveToNewest(SwarmPeer peer)
    {
        if (peer.InExpiryList)
        {
            if (ReferenceEquals(peer, _newest))
            {
                return;
            }

            Remove(peer);
        }

        peer.Older = _newest;
        peer.Newer = null;
        if (_newest is not null)
        {
            _newest.Newer = peer;
        }
        else
        {
            Oldest = peer;
        }

        _newest = peer;
        peer.InExpiryList = true;
    }

    public void Remove(SwarmPeer peer)
    {
        if (!peer.InExpiryList)
        {
            return;
        }

        if (peer.Older is not null)
        {
            peer.Older.Newer = peer.Newer;
        }
        else
        {
            Oldest = peer.Newer;
        }

        if (peer.Newer is not null)
        {
            peer.Newer.Older = peer.Older;
        }
        else
        {
            _newest = peer.Older;
        }

        peer.Older = null;
        peer.Newer = null;
        peer.InExpiryList = false;
    }
}
