namespace HlsSwarm.Protocol.Beacons;

/// <summary>One entry of <c>peers.failures</c>: peer connections that failed for one reason since the session started.</summary>
/// <param name="Reason">The reason key, e.g. <c>timeout</c> or <c>ice-failed</c> (at most <see cref="BeaconLimits.MaxKeyLength"/> characters).</param>
/// <param name="Count">Cumulative count.</param>
public readonly record struct BeaconFailureCount(string Reason, long Count);
