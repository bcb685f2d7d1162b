namespace HlsSwarm.WebRtc.Sctp;

/// <summary>Settings of one association. Defaults suit WebRTC data channels over DTLS over UDP.</summary>
public sealed record SctpOptions
{
    /// <summary>SCTP port on both sides (RFC 8841 §5: 5000 unless the SDP says otherwise).</summary>
    public ushort Port { get; init; } = 5000;

    /// <summary>
    /// Largest SCTP packet in bytes. 1200 plus DTLS's ~37 bytes per record, UDP and IPv6 headers stays under the
    /// 1280-byte IPv6 minimum MTU (RFC 8261 §5).
    /// </summary>
    public int Mtu { get; init; } = 1200;

    /// <summary>Receive window we advertise, in bytes (a_rwnd; at least 1 MiB so long fat paths are not capped).</summary>
    public int ReceiveWindow { get; init; } = 1024 * 1024;

    /// <summary>Largest message we accept, in bytes (the SDP max-message-size).</summary>
    public int MaxMessageSize { get; init; } = 256 * 1024;

    /// <summary>Streams we ask for in each direction (RFC 8831 §6.2: 65535).</summary>
    public ushort Streams { get; init; } = 65535;

    /// <summary>RTO.Initial (RFC 9260 §16: 1 s).</summary>
    public TimeSpan RtoInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// RTO.Min. RFC 9260 §16 says 1 s; like Chrome's dcsctp we use less, because data channels want low latency.
    /// </summary>
    public TimeSpan RtoMin { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>RTO.Max (RFC 9260 §16: 60 s).</summary>
    public TimeSpan RtoMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Association.Max.Retrans (RFC 9260 §16: 10): consecutive timeouts before the association fails.</summary>
    public int MaxRetransmissions { get; init; } = 10;

    /// <summary>Max.Init.Retransmits (RFC 9260 §16: 8).</summary>
    public int MaxInitRetransmits { get; init; } = 8;

    /// <summary>HB.interval (RFC 9260 §16: 30 s): heartbeat an idle path this often (plus RTO).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Delayed SACK timeout (RFC 9260 §6.2: at most 500 ms; we use 200 ms).</summary>
    public TimeSpan DelayedAckTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Valid.Cookie.Life (RFC 9260 §16: 60 s).</summary>
    public TimeSpan CookieLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest payload of one DATA chunk that fits <see cref="Mtu"/> with its padding (a multiple of 4).</summary>
    public int MaxDataPayload => (Mtu - SctpCommonHeader.Length - DataChunk.HeaderLength) & ~3;
}
