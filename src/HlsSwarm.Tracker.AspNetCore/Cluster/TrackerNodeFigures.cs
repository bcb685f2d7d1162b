namespace HlsSwarm.Tracker.AspNetCore.Cluster;

/// <summary>
/// What one node publishes about itself in Redis with its liveness lease (field <c>figures</c> of the hash
/// <c>hs:node:{id}</c>, renewed every <see cref="TrackerClusterOptions.NodeLease"/> / 3), so that any node can show
/// cluster-wide figures without asking the others (docs/tracker-cluster.md, "Stats").
/// </summary>
public sealed record TrackerNodeFigures
{
    /// <summary>The node's id.</summary>
    public required string NodeId { get; init; }

    /// <summary>Open WebSocket connections on the node.</summary>
    public long Connections { get; init; }

    /// <summary>Registrations held by the node's connections.</summary>
    public long Peers { get; init; }

    /// <summary>Swarms with at least one peer on the node (a swarm spread over k nodes counts on each of them).</summary>
    public long Swarms { get; init; }

    /// <summary>Registered peers that completed (seeders).</summary>
    public long Complete { get; init; }

    /// <summary>Registered peers that did not complete (leechers).</summary>
    public long Incomplete { get; init; }

    /// <summary>Announces written to Redis by the node.</summary>
    public long Announces { get; init; }

    /// <summary>Redis round trips for peer traffic by the node.</summary>
    public long RedisRoundTrips { get; init; }

    /// <summary>Offers and answers the node published to other nodes.</summary>
    public long RelaysSentCrossNode { get; init; }

    /// <summary>Offers and answers the node received from other nodes.</summary>
    public long RelaysReceivedCrossNode { get; init; }

    /// <summary>Failed Redis calls of the node.</summary>
    public long RedisErrors { get; init; }

    /// <summary>Times the node wrote its registrations back after a Redis outage.</summary>
    public long Resyncs { get; init; }

    /// <summary>Seconds since the node started.</summary>
    public double UptimeSeconds { get; init; }
}
