using HlsSwarm.Protocol.Tracker;

namespace HlsSwarm.Tracker;

/// <summary>
/// Work for the cluster backplane, written by a <see cref="TrackerCore"/> with <see cref="TrackerOptions.Clustered"/>
/// set: the core does not know the peers of other nodes, so it writes the relay messages and leaves their
/// addressing to the backplane (docs/tracker-cluster.md).
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="InfoHash">The swarm.</param>
/// <param name="PeerId">The announcing or answering peer.</param>
/// <param name="ToPeerId">The target of an <see cref="TrackerClusterWorkKind.Answer"/>; default otherwise.</param>
/// <param name="Start">Offset of the relay message in <see cref="TrackerOutput.Bytes"/> (0 for an announce).</param>
/// <param name="Length">Length of the relay message (0 for an announce).</param>
/// <param name="Count">For an announce: how many <see cref="TrackerClusterWorkKind.Offer"/> items follow.</param>
public readonly record struct TrackerClusterWork(
    TrackerClusterWorkKind Kind, WireId InfoHash, WireId PeerId, WireId ToPeerId, int Start, int Length, int Count);
