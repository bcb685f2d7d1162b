namespace HlsSwarm.WebRtc.Sctp;

/// <summary>Parameter types this stack reads or writes (RFC 9260 §3.3.2.1, RFC 3758 §3.1, RFC 5061 §4.2.7, RFC 6525 §4).</summary>
public enum SctpParameterType : ushort
{
    /// <summary>Heartbeat Info (RFC 9260 §3.3.5).</summary>
    HeartbeatInfo = 1,

    /// <summary>State Cookie (RFC 9260 §3.3.3.1).</summary>
    StateCookie = 7,

    /// <summary>Unrecognized Parameter, reported in INIT ACK (RFC 9260 §3.3.3.1).</summary>
    UnrecognizedParameter = 8,

    /// <summary>Outgoing SSN Reset Request (RFC 6525 §4.1).</summary>
    OutgoingSsnResetRequest = 13,

    /// <summary>Re-configuration Response (RFC 6525 §4.4).</summary>
    ReConfigResponse = 16,

    /// <summary>Supported Extensions (RFC 5061 §4.2.7).</summary>
    SupportedExtensions = 0x8008,

    /// <summary>Forward-TSN-Supported (RFC 3758 §3.1).</summary>
    ForwardTsnSupported = 0xC000,
}
