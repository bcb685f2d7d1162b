namespace HlsSwarm.Server.Demo;

/// <summary>Requests and body bytes the origin served for one (stream, payload) pair.</summary>
/// <param name="Requests">Successful GET responses.</param>
/// <param name="Bytes">Body bytes written to clients.</param>
public sealed record OriginTrafficSnapshot(long Requests, long Bytes);
