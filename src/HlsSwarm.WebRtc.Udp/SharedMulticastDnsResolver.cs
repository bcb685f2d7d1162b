using System.Net;
using System.Net.Sockets;

namespace HlsSwarm.WebRtc.Udp;

/// <summary>
/// One <see cref="MulticastDnsResolver"/> for all connections of a <see cref="UdpPeerConnectionHost"/>, opened on first
/// use (on the host's loop thread, so in the socket's network namespace); when multicast is not available there it
/// answers null at once and the connections go on with peer-reflexive candidates.
/// </summary>
internal sealed class SharedMulticastDnsResolver(IPAddress interfaceAddress, TimeSpan timeout, TimeProvider time) : ICandidateNameResolver, IDisposable
{
    private readonly object _gate = new();
    private MulticastDnsResolver? _resolver;
    private bool _unavailable;
    private bool _disposed;

    public Task<IPAddress?> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        MulticastDnsResolver? resolver;
        lock (_gate)
        {
            if (_resolver is null && !_unavailable && !_disposed)
            {
                try
                {
                    _resolver = new MulticastDnsResolver(interfaceAddress, timeout, time);
                }
                catch (Exception e) when (e is SocketException or ArgumentException)
                {
                    _unavailable = true;
                }
            }

            resolver = _resolver;
        }

        return resolver?.ResolveAsync(name, cancellationToken) ?? Task.FromResult<IPAddress?>(null);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _resolver?.Dispose();
            _resolver = null;
        }
    }
}
