namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>The JSON document served at <c>/stats</c>, taken on the tracker loop so its numbers are consistent.</summary>
public sealed record TrackerStatsSnapshot
{
    /// <summary>Open WebSocket connections known to the tracker core.</summary>
    public long Connections { get; init; }

    /// <summary>Swarms with at least one peer.</summary>
    public long Swarms { get; init; }

    /// <summary>Registered (info_hash, peer_id) pairs over all swarms.</summary>
    public long Peers { get; init; }

    /// <summary>Registered peers that completed (seeders).</summary>
    public long CompletePeers { get; init; }

    /// <summary>Registered peers that did not complete (leechers).</summary>
    public long IncompletePeers { get; init; }

    /// <summary>Peers of the largest swarms (at most <see cref="TrackerOptions.MaxSwarmsInStats"/>), keyed by info_hash.</summary>
    public IReadOnlyDictionary<string, int> PeersPerSwarm { get; init; } = new Dictionary<string, int>();

    /// <summary>True when <see cref="PeersPerSwarm"/> lists only the largest swarms.</summary>
    public bool PeersPerSwarmTruncated { get; init; }

    /// <summary>Messages received by kind (announce, completed, stopped, update, paused, answer, scrape, invalid).</summary>
    public IReadOnlyDictionary<string, long> MessagesByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Offers and answers relayed.</summary>
    public TrackerRelayCounts Relays { get; init; } = new(0, 0);

    /// <summary>Failure replies by reason (only reasons that occurred).</summary>
    public IReadOnlyDictionary<string, long> FailuresByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>Answers dropped because their target was not in the swarm.</summary>
    public long AnswersDropped { get; init; }

    /// <summary>Peers removed because they were not refreshed for 2 × interval.</summary>
    public long PeersExpired { get; init; }

    /// <summary>Connections closed by the tracker (limits, idle timeout, slow readers).</summary>
    public IReadOnlyDictionary<string, long> ClosesByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>WebSocket upgrades refused before the handshake (origin, connections per IP).</summary>
    public IReadOnlyDictionary<string, long> RejectedUpgrades { get; init; } = new Dictionary<string, long>();

    /// <summary>WebSockets accepted, by the path that accepted them.</summary>
    public TrackerUpgradeCounts Upgrades { get; init; } = new(0, 0);

    /// <summary>Exceptions while handling work (bugs in the tracker, never peer input); 0 in a healthy tracker.</summary>
    public long InternalErrors { get; init; }

    /// <summary>Seconds since the tracker started.</summary>
    public double UptimeSeconds { get; init; }

    /// <summary>This node's cluster figures; absent on a single-node tracker.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Cluster.TrackerClusterStats? Cluster { get; init; }

    /// <summary>
    /// Figures of the whole cluster, summed from what every live node published in Redis with its lease; absent on a
    /// single-node tracker and before this node's first read from Redis.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Cluster.TrackerClusterWide? ClusterWide { get; init; }
}
