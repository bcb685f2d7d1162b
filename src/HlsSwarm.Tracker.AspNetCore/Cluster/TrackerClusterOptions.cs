using System.Text.RegularExpressions;

namespace HlsSwarm.Tracker.AspNetCore.Cluster;

/// <summary>
/// Settings of a tracker node that shares its swarms with other nodes through Redis (docs/tracker-cluster.md).
/// </summary>
public sealed partial record TrackerClusterOptions
{
    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> (<c>--redis</c>).</summary>
    public required string Redis { get; init; }

    /// <summary>This node's id, unique in the cluster: letters, digits, <c>.</c>, <c>_</c>, <c>-</c>; at most 64 (<c>--node-id</c>).</summary>
    public required string NodeId { get; init; }

    /// <summary>
    /// Lifetime of the node's liveness lease in Redis, renewed every third of it. A node that dies stops being a
    /// relay target within this time.
    /// </summary>
    public TimeSpan NodeLease { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first nonsense value.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Redis))
        {
            throw new ArgumentException("Redis must be a StackExchange.Redis configuration string such as 127.0.0.1:6379.");
        }

        if (NodeId is null || !NodeIdPattern().IsMatch(NodeId))
        {
            throw new ArgumentException($"NodeId must be 1-64 letters, digits, '.', '_' or '-', got '{NodeId}'.");
        }

        if (NodeLease < TimeSpan.FromMilliseconds(300) || NodeLease > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"NodeLease must be between 300 ms and 10 min, got {NodeLease}.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeIdPattern();
}
