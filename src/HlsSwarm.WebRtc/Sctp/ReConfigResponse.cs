namespace HlsSwarm.WebRtc.Sctp;

/// <summary>Re-configuration Response parameter (<see href="https://www.rfc-editor.org/rfc/rfc6525#section-4.4">RFC 6525 §4.4</see>).</summary>
/// <param name="ResponseSequence">The request sequence number answered.</param>
/// <param name="Result">The outcome.</param>
/// <param name="SenderNextTsn">Optional, only for SSN/TSN reset.</param>
/// <param name="ReceiverNextTsn">Optional, only for SSN/TSN reset.</param>
public readonly record struct ReConfigResponse(uint ResponseSequence, ReConfigResult Result, uint? SenderNextTsn = null, uint? ReceiverNextTsn = null)
{
    /// <summary>True when the optional TSN fields are present.</summary>
    public bool HasTsns => SenderNextTsn is not null || ReceiverNextTsn is not null;
}
