namespace HlsSwarm.WebRtc.Sctp;

/// <summary>A complete user message received on a stream.</summary>
/// <param name="StreamId">The stream it arrived on.</param>
/// <param name="Ppid">Payload protocol identifier (RFC 8831 §8).</param>
/// <param name="Data">The reassembled payload.</param>
/// <param name="Unordered">True if it was sent unordered.</param>
public readonly record struct SctpMessage(ushort StreamId, uint Ppid, byte[] Data, bool Unordered);
