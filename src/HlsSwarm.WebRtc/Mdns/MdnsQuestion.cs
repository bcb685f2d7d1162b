namespace HlsSwarm.WebRtc.Mdns;

/// <summary>A question (<see href="https://www.rfc-editor.org/rfc/rfc1035#section-4.1.2">RFC 1035 §4.1.2</see>).</summary>
/// <param name="Name">The name asked for, dotted, without a trailing dot.</param>
/// <param name="Type">The record type (raw value).</param>
/// <param name="UnicastResponse">The QU bit: the top bit of QCLASS (RFC 6762 §5.4).</param>
public readonly record struct MdnsQuestion(string Name, MdnsRecordType Type, bool UnicastResponse);
