using HlsSwarm.WebRtc.Dtls;

namespace HlsSwarm.WebRtc.Sdp;

/// <summary>
/// What a WebRTC data channel needs from a session description: the one <c>m=application</c> section of a
/// data-only session (<see href="https://www.rfc-editor.org/rfc/rfc8841">RFC 8841</see>), its ICE credentials
/// (<see href="https://www.rfc-editor.org/rfc/rfc8839">RFC 8839</see>), DTLS fingerprints and setup role
/// (<see href="https://www.rfc-editor.org/rfc/rfc8842">RFC 8842</see>) and its candidates. Immutable.
/// Parse a peer's text with <see cref="SdpParser.TryParse"/>, write with <see cref="SdpWriter.Write"/>, create
/// local ones with <see cref="SdpNegotiation"/>.
/// </summary>
public sealed record SessionDescription
{
    /// <summary>
    /// The size RFC 8841 §6.1 lets a sender assume when <c>a=max-message-size</c> is absent: 64 KiB.
    /// </summary>
    public const long DefaultMaxMessageSize = 65536;

    /// <summary>The SCTP port browsers use (RFC 8841 §5).</summary>
    public const int DefaultSctpPort = 5000;

    /// <summary>The <c>sess-id</c> of the <c>o=</c> line (digits; Firefox's exceed 63 bits, so kept as text).</summary>
    public string SessionId { get; init; } = "0";

    /// <summary>The <c>sess-version</c> of the <c>o=</c> line.</summary>
    public ulong SessionVersion { get; init; }

    /// <summary>The mids of <c>a=group:BUNDLE</c> (<see href="https://www.rfc-editor.org/rfc/rfc9143">RFC 9143</see>); empty when absent.</summary>
    public IReadOnlyList<string> BundleGroup { get; init; } = [];

    /// <summary>How the media section is written (current RFC 8841 form or old Firefox's).</summary>
    public SctpMediaProtocol Protocol { get; init; } = SctpMediaProtocol.UdpDtlsSctp;

    /// <summary>The port of the <c>m=</c> line: 9 (discard) until a browser fills in its default candidate's port.</summary>
    public int MediaPort { get; init; } = 9;

    /// <summary>The address of the media <c>c=</c> line (<c>0.0.0.0</c> when no default candidate is chosen).</summary>
    public string ConnectionAddress { get; init; } = "0.0.0.0";

    /// <summary>The media section's <c>a=mid</c> (RFC 9143), <see langword="null"/> when absent.</summary>
    public string? Mid { get; init; }

    /// <summary>The ICE username fragment, <c>a=ice-ufrag</c> (RFC 8839 §5.4).</summary>
    public required string IceUfrag { get; init; }

    /// <summary>The ICE password, <c>a=ice-pwd</c> (RFC 8839 §5.4).</summary>
    public required string IcePwd { get; init; }

    /// <summary>The tokens of <c>a=ice-options</c> (RFC 8839 §5.6), e.g. <c>trickle</c>; p2p-media-loader strips it (spec §3).</summary>
    public IReadOnlyList<string> IceOptions { get; init; } = [];

    /// <summary>Whether the session has <c>a=ice-lite</c> (RFC 8839 §5.3).</summary>
    public bool IceLite { get; init; }

    /// <summary>The certificate fingerprints, <c>a=fingerprint</c> (RFC 8122 §5); at least one.</summary>
    public required IReadOnlyList<DtlsFingerprint> Fingerprints { get; init; }

    /// <summary>The DTLS setup role, <c>a=setup</c>; RFC 4145 §4 makes an absent attribute <c>active</c>.</summary>
    public DtlsSetup Setup { get; init; } = DtlsSetup.Active;

    /// <summary>The SCTP port, <c>a=sctp-port</c> (RFC 8841 §5) or the legacy format number.</summary>
    public int SctpPort { get; init; } = DefaultSctpPort;

    /// <summary>
    /// <c>a=max-message-size</c> (RFC 8841 §6): the largest message the endpoint accepts; 0 means no limit;
    /// <see langword="null"/> when absent (see <see cref="EffectiveMaxMessageSize"/>).
    /// </summary>
    public long? MaxMessageSize { get; init; }

    /// <summary>
    /// The candidates of the media section as browsers give them to <c>RTCIceCandidate.candidate</c>:
    /// the attribute text after <c>a=</c>, e.g. <c>candidate:842163049 1 udp 1677729535 203.0.113.7 47189 typ srflx raddr 0.0.0.0 rport 0</c>.
    /// The ICE layer parses them (RFC 8839 §5.1).
    /// </summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];

    /// <summary>Whether the media section has <c>a=end-of-candidates</c> (RFC 8840 §8.2): no more candidates will follow.</summary>
    public bool EndOfCandidates { get; init; }

    /// <summary>Number of other <c>m=</c> sections (audio, video, a second application) that were skipped.</summary>
    public int SkippedMediaSections { get; init; }

    /// <summary>
    /// The largest message that may be sent to this endpoint (RFC 8841 §6.1): the announced size, 64 KiB when
    /// absent, <see cref="long.MaxValue"/> when the endpoint announced 0 (no limit).
    /// </summary>
    public long EffectiveMaxMessageSize => MaxMessageSize switch
    {
        null => DefaultMaxMessageSize,
        0 => long.MaxValue,
        var n => n.Value,
    };
}
