namespace HlsSwarm.WebRtc.Sctp;

/// <summary>Error cause codes (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10">RFC 9260 §3.3.10</see>).</summary>
public enum SctpErrorCauseCode : ushort
{
    /// <summary>Invalid Stream Identifier.</summary>
    InvalidStreamIdentifier = 1,

    /// <summary>Missing Mandatory Parameter.</summary>
    MissingMandatoryParameter = 2,

    /// <summary>Stale Cookie Error.</summary>
    StaleCookie = 3,

    /// <summary>Out of Resource.</summary>
    OutOfResource = 4,

    /// <summary>Unresolvable Address.</summary>
    UnresolvableAddress = 5,

    /// <summary>Unrecognized Chunk Type (info: the whole chunk).</summary>
    UnrecognizedChunkType = 6,

    /// <summary>Invalid Mandatory Parameter.</summary>
    InvalidMandatoryParameter = 7,

    /// <summary>Unrecognized Parameters.</summary>
    UnrecognizedParameters = 8,

    /// <summary>No User Data (info: the TSN).</summary>
    NoUserData = 9,

    /// <summary>Cookie Received While Shutting Down.</summary>
    CookieReceivedWhileShuttingDown = 10,

    /// <summary>Restart of an Association with New Addresses.</summary>
    RestartWithNewAddresses = 11,

    /// <summary>User-Initiated Abort.</summary>
    UserInitiatedAbort = 12,

    /// <summary>Protocol Violation.</summary>
    ProtocolViolation = 13,
}
