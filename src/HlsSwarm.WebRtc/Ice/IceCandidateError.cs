namespace HlsSwarm.WebRtc.Ice;

/// <summary>
/// Why an <c>a=candidate</c> line could not be parsed
/// (<see href="https://www.rfc-editor.org/rfc/rfc8839#section-5.1">RFC 8839 §5.1</see>). Never thrown.
/// </summary>
public enum IceCandidateError
{
    /// <summary>The line is a valid candidate.</summary>
    None,

    /// <summary>The line does not start with <c>candidate:</c> (optionally after <c>a=</c>).</summary>
    NotACandidate,

    /// <summary>The line is longer than <see cref="IceCandidate.MaxLineLength"/>.</summary>
    TooLong,

    /// <summary>Fewer than the eight mandatory fields.</summary>
    MissingField,

    /// <summary>The foundation is empty, longer than 32 or has a character outside ALPHA / DIGIT / "+" / "/".</summary>
    BadFoundation,

    /// <summary>The component id is not 1..256.</summary>
    BadComponent,

    /// <summary>The transport is not a token.</summary>
    BadTransport,

    /// <summary>The priority is not a decimal 32-bit unsigned integer (RFC 8839 §5.1; RFC 8445 §5.1.2 keeps it below 2^31).</summary>
    BadPriority,

    /// <summary>The connection address is neither an IP literal nor a host name.</summary>
    BadAddress,

    /// <summary>A port is not 0..65535.</summary>
    BadPort,

    /// <summary>The seventh field is not <c>typ</c>.</summary>
    MissingTyp,

    /// <summary>The candidate type is not host, srflx, prflx or relay.</summary>
    UnknownType,

    /// <summary>An extension name has no value, or a known extension has a bad value.</summary>
    BadExtension,
}
