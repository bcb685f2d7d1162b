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

    /// <summary>
    /// How often SCTP probes an idle path with HEARTBEAT (HB.interval, <see href="https://www.rfc-editor.org/rfc/rfc9260#section-8.3">RFC
    /// 9260 §8.3</see>, plus one RTO); 30 s by default as RFC 9260 §16 recommends. <see cref="SctpOptions.HeartbeatInterval"/>.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// ICE consent expires when no consent check has been answered for this long and the connection fails
    /// (<see href="https://www.rfc-editor.org/rfc/rfc7675#section-5.1">RFC 7675 §5.1</see>: 30 s, the default). This bounds
    /// how long a peer that vanished without a goodbye (closed tab, lost network) keeps the connection.
    /// </summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>DTLS settings (datagram size, handshake timeout); SCTP packets are sized to fit its records.</summary>
    public DtlsOptions Dtls { get; init; } = new();
}
