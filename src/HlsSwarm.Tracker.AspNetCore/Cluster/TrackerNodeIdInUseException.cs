namespace HlsSwarm.Tracker.AspNetCore.Cluster;

/// <summary>
/// Thrown at start when another live node holds the lease of this node's id: two nodes with one id would receive
/// each other's relays and remove each other's peers, so the second one refuses to start.
/// </summary>
public sealed class TrackerNodeIdInUseException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="nodeId"/>.</summary>
    public TrackerNodeIdInUseException(string nodeId, TimeSpan lease)
        : base($"node id '{nodeId}' is in use by another live tracker node (its lease in Redis is held by another process). "
            + $"Choose another --node-id; if that node died, its lease expires within {lease.TotalSeconds:0.#} s.")
    {
        NodeId = nodeId;
    }

    /// <summary>Creates the exception without details.</summary>
    public TrackerNodeIdInUseException()
        : base("node id in use")
    {
        NodeId = "";
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrackerNodeIdInUseException(string message)
        : base(message)
    {
        NodeId = "";
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TrackerNodeIdInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
        NodeId = "";
    }

    /// <summary>The node id already in use.</summary>
    public string NodeId { get; }
}
