namespace HlsSwarm.Protocol.Peer;

/// <summary>The command code, the first byte of every command body (spec §4.4).</summary>
public enum PeerCommandType : byte
{
    /// <summary>Code 0: the sender's stored (<c>l</c>) and HTTP-loading (<c>p</c>) segment ids.</summary>
    SegmentsAnnouncement = 0,

    /// <summary>Code 1: request a segment (<c>i</c>, <c>r</c>, optional <c>b</c>).</summary>
    SegmentRequest = 1,

    /// <summary>Code 2: header of a segment upload (<c>i</c>, <c>s</c>, <c>r</c>).</summary>
    SegmentData = 2,

    /// <summary>Code 3: all bytes of an upload were sent (<c>i</c>, <c>r</c>).</summary>
    SegmentDataSendingCompleted = 3,

    /// <summary>Code 4: the uploader does not have the segment (<c>i</c>, <c>r</c>).</summary>
    SegmentAbsent = 4,

    /// <summary>Code 5: the requester cancels its request (<c>i</c>, <c>r</c>).</summary>
    CancelSegmentRequest = 5,
}
