namespace HlsSwarm.Protocol.Beacons;

/// <summary>One entry of <c>transfers</c>: bytes exchanged with one remote peer since the session started.</summary>
/// <param name="PeerId">The remote peer's p2p-media-loader peer id.</param>
/// <param name="Down">Cumulative bytes received from that peer.</param>
/// <param name="Up">Cumulative bytes sent to that peer.</param>
public readonly record struct BeaconTransfer(string PeerId, long Down, long Up);
