namespace HlsSwarm.WebRtc.Sdp;

/// <summary>
/// Why a session description received from a peer was rejected. <see cref="SdpParser.TryParse"/> never throws on
/// peer input; it returns one of these.
/// </summary>
public enum SdpParseError
{
    /// <summary>The description is usable.</summary>
    None,

    /// <summary>The text is empty.</summary>
    Empty,

    /// <summary>The text is longer than <see cref="SdpParser.MaxLength"/>.</summary>
    TooLong,

    /// <summary>The first line is not <c>v=0</c> (<see href="https://www.rfc-editor.org/rfc/rfc8866#section-5.1">RFC 8866 §5.1</see>).</summary>
    BadVersion,

    /// <summary>A line is not <c>&lt;letter&gt;=&lt;value&gt;</c>, or contains a control character (RFC 8866 §5).</summary>
    MalformedLine,

    /// <summary>An <c>m=</c> line does not have a media type, port, protocol and format, or the port is not a number.</summary>
    MalformedMediaLine,

    /// <summary>No <c>m=application</c> section with a DTLS/SCTP protocol: nothing a data channel can use.</summary>
    NoDataChannelSection,

    /// <summary>No <c>a=ice-ufrag</c>, or one outside RFC 8839 §5.4 (4–256 ice-chars).</summary>
    BadIceUfrag,

    /// <summary>No <c>a=ice-pwd</c>, or one outside RFC 8839 §5.4 (22–256 ice-chars).</summary>
    BadIcePwd,

    /// <summary>No <c>a=fingerprint</c> (RFC 8122), or one that does not parse.</summary>
    BadFingerprint,

    /// <summary><c>a=setup</c> is not <c>actpass</c>, <c>active</c> or <c>passive</c> (RFC 4145 §4).</summary>
    BadSetup,

    /// <summary><c>a=sctp-port</c> (or the legacy format / <c>a=sctpmap</c> port) is not 0–65535.</summary>
    BadSctpPort,

    /// <summary><c>a=max-message-size</c> is not a non-negative integer (RFC 8841 §6).</summary>
    BadMaxMessageSize,

    /// <summary>More than <see cref="SdpParser.MaxCandidates"/> candidates (a hostile or broken peer).</summary>
    TooManyCandidates,
}
