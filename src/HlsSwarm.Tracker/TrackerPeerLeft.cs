using HlsSwarm.Protocol.Tracker;

namespace HlsSwarm.Tracker;

/// <summary>A registration that left this node (stopped, disconnect or expiry); reported only when clustered.</summary>
/// <param name="InfoHash">The swarm.</param>
/// <param name="PeerId">The peer that left.</param>
public readonly record struct TrackerPeerLeft(WireId InfoHash, WireId PeerId);
