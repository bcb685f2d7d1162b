namespace HlsSwarm.WebRtc.Sctp;

/// <summary>One stream entry of a FORWARD-TSN chunk (<see href="https://www.rfc-editor.org/rfc/rfc3758#section-3.2">RFC 3758 §3.2</see>).</summary>
/// <param name="StreamId">The ordered stream.</param>
/// <param name="StreamSequence">The largest stream sequence number skipped.</param>
public readonly record struct ForwardTsnStream(ushort StreamId, ushort StreamSequence);
