namespace HlsSwarm.WebRtc.Sctp;

/// <summary>Association states (<see href="https://www.rfc-editor.org/rfc/rfc9260#section-4">RFC 9260 §4</see>).</summary>
public enum SctpAssociationState
{
    /// <summary>No association; a server waits for INIT here.</summary>
    Closed,

    /// <summary>INIT sent, waiting for INIT ACK.</summary>
    CookieWait,

    /// <summary>COOKIE ECHO sent, waiting for COOKIE ACK.</summary>
    CookieEchoed,

    /// <summary>Data flows.</summary>
    Established,

    /// <summary>Shutdown requested; waiting for outstanding data to be acknowledged.</summary>
    ShutdownPending,

    /// <summary>SHUTDOWN sent.</summary>
    ShutdownSent,

    /// <summary>SHUTDOWN received; finishing outstanding data.</summary>
    ShutdownReceived,

    /// <summary>SHUTDOWN ACK sent.</summary>
    ShutdownAckSent,
}
