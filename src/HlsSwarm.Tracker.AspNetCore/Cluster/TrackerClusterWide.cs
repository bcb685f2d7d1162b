namespace HlsSwarm.Tracker.AspNetCore.Cluster;

/// <summary>
/// Cluster-wide figures under <c>clusterWide</c> in <c>/stats</c>: the sums of what every live node published in
/// Redis with its lease (<see cref="TrackerNodeFigures"/>), read by this node once per lease renewal. They are at
/// most one renewal period (<see cref="TrackerClusterOptions.NodeLease"/> / 3) old; <see cref="AgeSeconds"/> says how old.
/// </summary>
public sealed record TrackerClusterWide
{
    /// <summary>Nodes whose lease is alive.</summary>
    public int LiveNodes { get; init; }

    /// <summary>
    /// Node ids that joined the cluster once and whose lease has expired: dead, stopped, or degraded (a node cut off
    /// from Redis cannot renew its lease; it says so itself on <c>/healthz</c>).
    /// </summary>
    public IReadOnlyList<string> DownNodes { get; init; } = [];

    /// <summary>Open connections over all live nodes.</summary>
    public long Connections { get; init; }

    /// <summary>Registrations over all live nodes (each peer connection is held by one node).</summary>
    public long Peers { get; init; }

    /// <summary>Σ of each node's swarm count: a swarm spread over k nodes counts k times (an upper bound of the distinct swarms).</summary>
    public long SwarmParts { get; init; }

    /// <summary>Completed peers (seeders) over all live nodes.</summary>
    public long Complete { get; init; }

    /// <summary>Peers that did not complete (leechers) over all live nodes.</summary>
    public long Incomplete { get; init; }

    /// <summary>Announces written to Redis by all live nodes.</summary>
    public long Announces { get; init; }

    /// <summary>Redis round trips for peer traffic by all live nodes.</summary>
    public long RedisRoundTrips { get; init; }

    /// <summary>Offers and answers published from one node to another.</summary>
    public long RelaysSentCrossNode { get; init; }

    /// <summary>Offers and answers received from another node.</summary>
    public long RelaysReceivedCrossNode { get; init; }

    /// <summary>Failed Redis calls over all live nodes.</summary>
    public long RedisErrors { get; init; }

    /// <summary>Seconds since these figures were read from Redis.</summary>
    public double AgeSeconds { get; init; }

    /// <summary>Every live node's own figures, by node id.</summary>
    public IReadOnlyList<TrackerNodeFigures> Nodes { get; init; } = [];

    /// <summary>Sums <paramref name="nodes"/> (the live nodes' figures) into one view.</summary>
    public static TrackerClusterWide Sum(IReadOnlyList<TrackerNodeFigures> nodes, IReadOnlyList<string> downNodes, double ageSeconds)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(downNodes);
        return new TrackerClusterWide
        {
            LiveNodes = nodes.Count,
            DownNodes = downNodes,
            Connections = nodes.Sum(n => n.Connections),
            Peers = nodes.Sum(n => n.Peers),
            SwarmParts = nodes.Sum(n => n.Swarms),
            Complete = nodes.Sum(n => n.Complete),
            Incomplete = nodes.Sum(n => n.Incomplete),
            Announces = nodes.Sum(n => n.Announces),
            RedisRoundTrips = nodes.Sum(n => n.RedisRoundTrips),
            RelaysSentCrossNode = nodes.Sum(n => n.RelaysSentCrossNode),
            RelaysReceivedCrossNode = nodes.Sum(n => n.RelaysReceivedCrossNode),
            RedisErrors = nodes.Sum(n => n.RedisErrors),
            AgeSeconds = ageSeconds,
            Nodes = nodes,
        };
    }
}
