namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// What to do with an unrecognised chunk or parameter, from the two high bits of its type
/// (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.2">RFC 9260 §3.2</see> for chunks,
/// <see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.2.1">§3.2.1</see> for parameters).
/// </summary>
public enum SctpUnknownAction
{
    /// <summary>00: stop processing; discard the rest (for a chunk: the whole packet).</summary>
    Stop = 0,

    /// <summary>01: stop processing, discard, and report it in an ERROR (or as an Unrecognized Parameter).</summary>
    StopAndReport = 1,

    /// <summary>10: skip it and continue.</summary>
    Skip = 2,

    /// <summary>11: skip it, continue, and report it.</summary>
    SkipAndReport = 3,
}
