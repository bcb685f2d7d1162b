using System.Net;

namespace HlsSwarm.WebRtc.Mdns;

/// <summary>The outcome of resolving one name with <see cref="MdnsResolver"/>.</summary>
/// <param name="Name">The name asked for, as given to <see cref="MdnsResolver.Resolve"/>.</param>
/// <param name="Address">The address, or null when no answer came before the timeout.</param>
/// <param name="Ttl">The answer's TTL in seconds (0 on timeout).</param>
public readonly record struct MdnsResolution(string Name, IPAddress? Address, uint Ttl);
