namespace HlsSwarm.WebRtc.Stun;

/// <summary>
/// The class of a STUN message: the C1 and C0 bits of the message type
/// (<see href="https://www.rfc-editor.org/rfc/rfc8489#section-5">RFC 8489 §5</see>).
/// </summary>
public enum StunClass
{
    /// <summary>A request (0b00), answered by a success or error response.</summary>
    Request = 0,

    /// <summary>An indication (0b01), never answered.</summary>
    Indication = 1,

    /// <summary>A success response (0b10).</summary>
    SuccessResponse = 2,

    /// <summary>An error response (0b11), carrying ERROR-CODE.</summary>
    ErrorResponse = 3,
}
