namespace HlsSwarm.WebRtc.Sctp;

/// <summary>Outcome of <see cref="SctpAssociation.Send"/>.</summary>
public enum SctpSendResult
{
    /// <summary>Queued.</summary>
    Queued,

    /// <summary>Empty messages cannot be sent in SCTP; DCEP sends a one-byte message with an "empty" PPID instead (RFC 8831 §6.6).</summary>
    Empty,

    /// <summary>Larger than the peer's maximum message size.</summary>
    TooLarge,

    /// <summary>The association is closed or closing.</summary>
    NotOpen,

    /// <summary>The stream is being reset and cannot take new messages until the reset completes.</summary>
    StreamResetting,
}
