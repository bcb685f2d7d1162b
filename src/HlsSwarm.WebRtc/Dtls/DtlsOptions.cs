namespace HlsSwarm.WebRtc.Dtls;

/// <summary>Settings of a <see cref="DtlsSession"/>.</summary>
public sealed record DtlsOptions
{
    /// <summary>
    /// Largest UDP payload we send, in bytes: the DTLS record including its 13-byte header, nonce and tag. Handshake
    /// messages are fragmented to fit; application data may be at most this minus 37 bytes for AES-128-GCM
    /// (<see cref="DtlsSession.MaxApplicationDataLength"/>). Default 1232 = 1280 (IPv6 minimum MTU) − 40 − 8.
    /// </summary>
    public int MaxDatagramSize { get; init; } = 1232;

    /// <summary>
    /// Largest UDP payload we accept, in bytes; larger datagrams are dropped. Default 1500 (no browser sends more
    /// over DTLS for data channels: SCTP packets are MTU-sized).
    /// </summary>
    public int MaxReceiveDatagramSize { get; init; } = 1500;

    /// <summary>
    /// First retransmission timeout of a handshake flight, doubled on every retransmission
    /// (<see href="https://www.rfc-editor.org/rfc/rfc6347#section-4.2.4.1">RFC 6347 §4.2.4.1</see> recommends 1 s).
    /// </summary>
    public TimeSpan InitialRetransmitTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The handshake fails if it has not completed within this time (it includes waiting for the remote fingerprint).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most received datagrams queued for the handshake thread; further ones are dropped (UDP semantics).</summary>
    public int MaxQueuedDatagrams { get; init; } = 4096;

    /// <summary>Throws when a setting is outside its range (a programming error of the host, not peer input).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        // 13-byte header + 8-byte nonce + 16-byte tag + at least some payload; 65,507 is the largest UDP/IPv4 payload.
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDatagramSize, 128, nameof(MaxDatagramSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDatagramSize, 65507, nameof(MaxDatagramSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReceiveDatagramSize, 128, nameof(MaxReceiveDatagramSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxReceiveDatagramSize, 65535, nameof(MaxReceiveDatagramSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialRetransmitTimeout, TimeSpan.FromMilliseconds(1), nameof(InitialRetransmitTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(HandshakeTimeout, InitialRetransmitTimeout, nameof(HandshakeTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HandshakeTimeout, TimeSpan.FromMilliseconds(int.MaxValue), nameof(HandshakeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedDatagrams, 1, nameof(MaxQueuedDatagrams));
    }
}
