using System.Net;

namespace HlsSwarm.WebRtc.Udp;

/// <summary>
/// Resolves the host name of a remote ICE candidate, in practice a browser's random <c>uuid.local</c> mDNS name
/// (draft-ietf-mmusic-mdns-ice-candidates §3.2). <see cref="MulticastDnsResolver"/> is the real one; tests pass fakes.
/// </summary>
public interface ICandidateNameResolver
{
    /// <summary>
    /// The address <paramref name="name"/> stands for, or null when nobody answers. Completes by the time
    /// <paramref name="cancellationToken"/> is cancelled at the latest (then with null, not an exception).
    /// </summary>
    Task<IPAddress?> ResolveAsync(string name, CancellationToken cancellationToken);
}
