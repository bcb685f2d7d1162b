namespace HlsSwarm.WebRtc.Sctp;

/// <summary>
/// Chunk types this stack knows (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-3.2">RFC 9260 §3.2</see>,
/// RFC 6525 §3.1, RFC 3758 §3.2). Any other value is handled by <see cref="SctpChunk.UnknownAction"/>.
/// </summary>
public enum SctpChunkType : byte
{
    /// <summary>Payload data (RFC 9260 §3.3.1).</summary>
    Data = 0,

    /// <summary>Initiation (RFC 9260 §3.3.2).</summary>
    Init = 1,

    /// <summary>Initiation acknowledgement (RFC 9260 §3.3.3).</summary>
    InitAck = 2,

    /// <summary>Selective acknowledgement (RFC 9260 §3.3.4).</summary>
    Sack = 3,

    /// <summary>Heartbeat request (RFC 9260 §3.3.5).</summary>
    Heartbeat = 4,

    /// <summary>Heartbeat acknowledgement (RFC 9260 §3.3.6).</summary>
    HeartbeatAck = 5,

    /// <summary>Abort (RFC 9260 §3.3.7).</summary>
    Abort = 6,

    /// <summary>Shutdown (RFC 9260 §3.3.8).</summary>
    Shutdown = 7,

    /// <summary>Shutdown acknowledgement (RFC 9260 §3.3.9).</summary>
    ShutdownAck = 8,

    /// <summary>Operation error (RFC 9260 §3.3.10).</summary>
    Error = 9,

    /// <summary>State cookie (RFC 9260 §3.3.11).</summary>
    CookieEcho = 10,

    /// <summary>Cookie acknowledgement (RFC 9260 §3.3.12).</summary>
    CookieAck = 11,

    /// <summary>Shutdown complete (RFC 9260 §3.3.13).</summary>
    ShutdownComplete = 14,

    /// <summary>Re-configuration (RFC 6525 §3.1).</summary>
    ReConfig = 130,

    /// <summary>Forward cumulative TSN (RFC 3758 §3.2).</summary>
    ForwardTsn = 192,
}
