namespace HlsSwarm.Tracker;

/// <summary>One message for the driver to send: bytes <c>[Start, Start + Length)</c> of <see cref="TrackerOutput"/> to a connection.</summary>
/// <param name="ConnectionId">The receiving connection.</param>
/// <param name="Start">Offset in <see cref="TrackerOutput.Bytes"/>.</param>
/// <param name="Length">Length of the UTF-8 JSON message.</param>
public readonly record struct TrackerTransmit(long ConnectionId, int Start, int Length);
