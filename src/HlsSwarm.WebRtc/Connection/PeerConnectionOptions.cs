using System.Net;
using HlsSwarm.WebRtc.Dtls;
using HlsSwarm.WebRtc.Sdp;
using HlsSwarm.WebRtc.Sctp;

namespace HlsSwarm.WebRtc.Connection;

/// <summary>Settings of one <see cref="PeerConnection"/>.</summary>
public sealed record PeerConnectionOptions
{
    /// <summary>
    /// Whether we create the offer. The offerer is the ICE controlling agent (RFC 8445 §6.1.1), as the initiator of
    /// p2p-media-loader's simple-peer is; it is fixed up front so ICE gathering can start before the offer exists.
    /// </summary>
    public bool Offerer { get; init; } = true;

    /// <summary>STUN servers for server-reflexive candidates (RFC 8445 §5.1.1.2); none by default.</summary>
    public IReadOnlyList<IPEndPoint> StunServers { get; init; } = [];

    /// <summary>The largest message we accept, advertised as <c>a=max-message-size</c> (RFC 8841 §6); 256 KiB.</summary>
    public int MaxMessageSize { get; init; } = (int)SdpLocalParameters.DefaultMaxMessageSize;

    /// <summary>SCTP receive window in bytes (1 MiB default, <see cref="SctpOptions.ReceiveWindow"/>).</summary>
    public int ReceiveWindow { get; init; } = 1024 * 1024;

    /// <summary>DTLS settings (datagram size, handshake timeout); SCTP packets are sized to fit its records.</summary>
    public DtlsOptions Dtls { get; init; } = new();
}
