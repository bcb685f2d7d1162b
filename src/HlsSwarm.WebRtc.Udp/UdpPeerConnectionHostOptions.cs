using System.Net;

namespace HlsSwarm.WebRtc.Udp;

/// <summary>Settings of a <see cref="UdpPeerConnectionHost"/>: the one socket its connections share.</summary>
public sealed record UdpPeerConnectionHostOptions
{
    /// <summary>
    /// The address to bind (port 0 picks one); a specific interface address, not a wildcard, because it is every
    /// connection's host candidate (RFC 8445 §5.1.1.1). Default 127.0.0.1.
    /// </summary>
    public IPEndPoint LocalEndPoint { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>SO_RCVBUF and SO_SNDBUF in bytes, for all connections together (Linux caps them at net.core.rmem_max/wmem_max). Default 8 MiB.</summary>
    public int SocketBufferSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Clock and timers of the host and its connections; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
