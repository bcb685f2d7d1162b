namespace HlsSwarm.Tracker;

/// <summary>The core asks the driver to close a connection (after sending what was queued for it before).</summary>
/// <param name="ConnectionId">The connection to close.</param>
/// <param name="Reason">Short ASCII reason for the WebSocket close frame (policy violation, 1008).</param>
public readonly record struct TrackerClose(long ConnectionId, string Reason);
