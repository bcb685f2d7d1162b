using HlsSwarm.WebRtc.Dtls;

namespace HlsSwarm.WebRtc.Sdp;

/// <summary>What this endpoint puts into the offers and answers it creates (<see cref="SdpNegotiation"/>).</summary>
public sealed record SdpLocalParameters
{
    /// <summary>
    /// The largest message we accept, announced as <c>a=max-message-size</c> (RFC 8841 §6): 256 KiB like Chrome,
    /// at least the 64 KiB p2p-media-loader sends (spec §3).
    /// </summary>
    public const long DefaultMaxMessageSize = 262144;

    /// <summary>The <c>o=</c> session id: a random 62-bit number, as browsers pick (RFC 8866 §5.2 recommends NTP-derived or random).</summary>
    public required ulong SessionId { get; init; }

    /// <summary>Our ICE username fragment: 4–256 ice-chars, random with at least 24 bits (RFC 8839 §5.4).</summary>
    public required string IceUfrag { get; init; }

    /// <summary>Our ICE password: 22–256 ice-chars, random with at least 128 bits (RFC 8839 §5.4).</summary>
    public required string IcePwd { get; init; }

    /// <summary>The fingerprint of our DTLS certificate (<see cref="DtlsFingerprint.FromCertificate"/>).</summary>
    public required DtlsFingerprint Fingerprint { get; init; }

    /// <summary>Our candidates as <c>candidate:…</c> attribute texts; all of them, gathering finished (spec §3).</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];

    /// <summary>The address for the <c>c=</c> line: the default candidate's, or <c>0.0.0.0</c>.</summary>
    public string ConnectionAddress { get; init; } = "0.0.0.0";

    /// <summary>The port for the <c>m=</c> line: the default candidate's, or 9 (RFC 8840 §4.1.1).</summary>
    public int MediaPort { get; init; } = 9;

    /// <summary>Our <c>a=max-message-size</c>.</summary>
    public long MaxMessageSize { get; init; } = DefaultMaxMessageSize;

    /// <summary>Our SCTP port (RFC 8841 §5).</summary>
    public int SctpPort { get; init; } = SessionDescription.DefaultSctpPort;
}
