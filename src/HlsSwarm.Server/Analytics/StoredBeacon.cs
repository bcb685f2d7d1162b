namespace HlsSwarm.Server.Analytics;

/// <summary>One accepted beacon as the <see cref="BeaconStore"/> keeps it: the body verbatim and the fields it is looked up by.</summary>
/// <param name="ReceivedAt">When the server accepted it.</param>
/// <param name="SessionId">Its <c>sessionId</c>.</param>
/// <param name="Seq">Its <c>seq</c>.</param>
/// <param name="Stream">Its <c>stream</c>.</param>
/// <param name="Body">The JSON body exactly as received (strings are never escaped or rewritten).</param>
public sealed record StoredBeacon(DateTimeOffset ReceivedAt, string SessionId, long Seq, string Stream, string Body);
