namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// A Gap Ack Block of a SACK: TSNs <c>cumAck + Start</c> … <c>cumAck + End</c> were received
/// (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.4">RFC 9260 §3.3.4</see>).
/// </summary>
/// <param name="Start">Offset of the first received TSN from the cumulative ack (≥ 1).</param>
/// <param name="End">Offset of the last received TSN of the block.</param>
public readonly record struct GapAckBlock(ushort Start, ushort End);
