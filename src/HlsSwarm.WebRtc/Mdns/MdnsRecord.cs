using System.Net;

namespace HlsSwarm.WebRtc.Mdns;

/// <summary>A resource record (<see href="https://www.rfc-editor.org/rfc/rfc1035#section-4.1.3">RFC 1035 §4.1.3</see>).</summary>
/// <param name="Name">The owner name, dotted, without a trailing dot.</param>
/// <param name="Type">The record type (raw value).</param>
/// <param name="CacheFlush">The cache-flush bit: the top bit of CLASS (RFC 6762 §10.2).</param>
/// <param name="Ttl">Time to live in seconds (0 = goodbye, RFC 6762 §10.1).</param>
/// <param name="Address">The address of an A or AAAA record, else null.</param>
public readonly record struct MdnsRecord(string Name, MdnsRecordType Type, bool CacheFlush, uint Ttl, IPAddress? Address);
