namespace HlsSwarm.Protocol.Peer;

/// <summary>Why a P2P download attempt failed, with the JS error names (spec §4.6, §9.6).</summary>
public enum PeerDownloadError
{
    /// <summary>Not failed.</summary>
    None,

    /// <summary><c>peer-response-bytes-length-mismatch</c>: wrong <c>s</c>, too many or too few bytes. Closes the connection.</summary>
    PeerResponseBytesLengthMismatch,

    /// <summary><c>peer-protocol-violation</c>: Completed with another <c>i</c> or <c>r</c>. Closes the connection.</summary>
    PeerProtocolViolation,

    /// <summary><c>peer-segment-absent</c>: the uploader answered SegmentAbsent. The connection is kept.</summary>
    PeerSegmentAbsent,

    /// <summary><c>bytes-receiving-timeout</c>: no header or bytes for the no-bytes timeout; a Cancel is sent.</summary>
    BytesReceivingTimeout,

    /// <summary>The caller aborted the download; a Cancel is sent.</summary>
    Aborted,
}
