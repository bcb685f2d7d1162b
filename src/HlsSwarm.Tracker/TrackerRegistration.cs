using HlsSwarm.Protocol.Tracker;

namespace HlsSwarm.Tracker;

/// <summary>One (info_hash, peer_id) registration of this node, as reported to a cluster backplane.</summary>
/// <param name="InfoHash">The swarm.</param>
/// <param name="PeerId">The peer.</param>
public readonly record struct TrackerRegistration(WireId InfoHash, WireId PeerId);
