namespace HlsSwarm.WebRtc.Stun;

/// <summary>
/// Why bytes are not a valid STUN message (<see href="https://www.rfc-editor.org/rfc/rfc8489#section-5">RFC 8489
/// §5</see>, §14). Decoders return one of these and never throw on network input.
/// </summary>
public enum StunDecodeError
{
    /// <summary>The bytes are a well-formed STUN message.</summary>
    None,

    /// <summary>Fewer than the 20 header bytes, or fewer bytes than the header's message length.</summary>
    TooShort,

    /// <summary>The two most significant bits are not zero (RFC 7983: not STUN, maybe DTLS or RTP).</summary>
    NotStun,

    /// <summary>The magic cookie is not 0x2112A442 (a RFC 3489 message, which we do not speak).</summary>
    BadMagicCookie,

    /// <summary>The message length is not a multiple of 4.</summary>
    BadLength,

    /// <summary>An attribute header or value runs past the end of the message.</summary>
    AttributeOverrun,

    /// <summary>A known attribute has a length or content its definition does not allow.</summary>
    BadAttribute,
}
