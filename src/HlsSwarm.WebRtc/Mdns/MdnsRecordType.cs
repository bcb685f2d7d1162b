namespace HlsSwarm.WebRtc.Mdns;

/// <summary>DNS record types the mDNS codec reads (<see href="https://www.rfc-editor.org/rfc/rfc1035#section-3.2.2">RFC 1035 §3.2.2</see>, RFC 3596).</summary>
public enum MdnsRecordType : ushort
{
    /// <summary>A: an IPv4 address (4 bytes).</summary>
    A = 1,

    /// <summary>AAAA: an IPv6 address (16 bytes).</summary>
    Aaaa = 28,

    /// <summary>ANY (query only).</summary>
    Any = 255,
}
