namespace HlsSwarm.Tracker.AspNetCore.Cluster;

/// <summary>This node's cluster figures, under <c>cluster</c> in <c>/stats</c>.</summary>
public sealed record TrackerClusterStats
{
    /// <summary>This node's id.</summary>
    public required string NodeId { get; init; }

    /// <summary>Announces whose registration was written to Redis.</summary>
    public long Announces { get; init; }

    /// <summary>Redis round trips made for peer traffic (scripts and publish batches; lease renewals excluded).</summary>
    public long RedisRoundTrips { get; init; }

    /// <summary>Offers addressed to a peer of this node (no Redis hop).</summary>
    public long OffersToLocalPeers { get; init; }

    /// <summary>Offers published to another node.</summary>
    public long OffersToRemotePeers { get; init; }

    /// <summary>Answers published to another node.</summary>
    public long AnswersToRemotePeers { get; init; }

    /// <summary>Answers whose target is in no live node's membership (dropped, spec §2.5 point 6).</summary>
    public long AnswersDropped { get; init; }

    /// <summary>Relays received from other nodes.</summary>
    public long RelaysReceived { get; init; }

    /// <summary>Relays (local or received) delivered to a connection of this node.</summary>
    public long RelaysDelivered { get; init; }

    /// <summary>Relays for a peer that had already left this node (dropped).</summary>
    public long RelaysToUnknownPeers { get; init; }

    /// <summary>Failed Redis calls (connection down, timeouts).</summary>
    public long RedisErrors { get; init; }

    /// <summary>False while Redis is unreachable: the node serves its own peers only (degraded).</summary>
    public bool RedisAvailable { get; init; }

    /// <summary>Times this node wrote its registrations back to Redis after an outage.</summary>
    public long Resyncs { get; init; }

    /// <summary>Offers relayed between this node's own peers while Redis was unavailable.</summary>
    public long OffersWhileDegraded { get; init; }

    /// <summary>Stale registrations dropped here because their peer re-announced on another node.</summary>
    public long PeersMovedAway { get; init; }

    /// <summary>Lease renewals refused because another process held this node's id (0 in a healthy cluster).</summary>
    public long LeaseConflicts { get; init; }
}
