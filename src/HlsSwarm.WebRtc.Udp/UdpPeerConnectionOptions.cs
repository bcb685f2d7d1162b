using System.Net;
using HlsSwarm.WebRtc.Connection;

namespace HlsSwarm.WebRtc.Udp;

/// <summary>Settings of one <see cref="UdpPeerConnection"/>.</summary>
public sealed record UdpPeerConnectionOptions
{
    /// <summary>
    /// The address to bind (port 0 picks one). Must be a specific interface address, not a wildcard: it becomes our
    /// host candidate (RFC 8445 §5.1.1.1). Default 127.0.0.1.
    /// </summary>
    public IPEndPoint LocalEndPoint { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>The session's settings; <see cref="PeerConnectionOptions.Offerer"/> decides between
    /// <see cref="UdpPeerConnection.ConnectAsync"/> and <see cref="UdpPeerConnection.AcceptAsync"/>.</summary>
    public PeerConnectionOptions Peer { get; init; } = new();

    /// <summary>
    /// Backpressure: <see cref="UdpDataChannel.SendAsync"/> waits while the channel's bufferedAmount would exceed this
    /// many bytes (W3C <c>bufferedAmount</c>: queued plus unacknowledged). Default 2 MiB, above the 1 MiB receive window,
    /// so the sender never starves the congestion window.
    /// </summary>
    public long SendHighWater { get; init; } = 2 * 1024 * 1024;

    /// <summary>SO_RCVBUF and SO_SNDBUF in bytes (Linux caps them at net.core.rmem_max/wmem_max). Default 4 MiB.</summary>
    public int SocketBufferSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Whether remote <c>*.local</c> candidates (browsers hide host addresses behind mDNS names) are resolved and added
    /// as host candidates. When a name does not resolve, the connection still forms through the peer-reflexive
    /// candidate the peer's own checks create (RFC 8445 §7.3.1.3). Default true.
    /// </summary>
    public bool ResolveMdnsNames { get; init; } = true;

    /// <summary>
    /// Resolves the names; null (default) means multicast DNS on the interface of <see cref="LocalEndPoint"/>
    /// (<see cref="MulticastDnsResolver"/>, opened when a description with such names arrives, closed with the connection).
    /// </summary>
    public ICandidateNameResolver? NameResolver { get; init; }

    /// <summary>How long one name may take to resolve before we give up on it (default 1 s).</summary>
    public TimeSpan NameResolutionTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many distinct names of one remote description are resolved (default 4; a hostile SDP may list many).</summary>
    public int MaxResolvedNames { get; init; } = 4;

    /// <summary>Clock and timers; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
