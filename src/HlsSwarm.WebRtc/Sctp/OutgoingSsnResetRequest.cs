namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// Outgoing SSN Reset Request parameter (<see href="https://www.rfc-editor.org/rfc/rfc6525#section-4.1">RFC 6525 §4.1</see>):
/// the sender will not send on these streams again before their sequence numbers restart at 0 (data channel close,
/// RFC 8831 §6.7).
/// </summary>
/// <param name="RequestSequence">Re-configuration Request Sequence Number.</param>
/// <param name="ResponseSequence">Sequence number of the peer's last request this responds to.</param>
/// <param name="SenderLastTsn">The sender's last assigned TSN; the reset takes effect once it is received.</param>
/// <param name="Streams">Streams to reset; empty means all.</param>
public readonly record struct OutgoingSsnResetRequest(uint RequestSequence, uint ResponseSequence, uint SenderLastTsn, ushort[] Streams);
