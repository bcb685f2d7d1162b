namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// The requester side of one segment transfer over one connection, as the JS requester runs it (spec §4.6), so
/// that a C# requester judges an uploader exactly like a browser does. Sans-I/O: time is an argument (monotonic
/// ticks), the caller sends <see cref="Request"/> and, when set, <see cref="CancelToSend"/>, copies accepted data
/// and closes the connection when <see cref="CloseConnection"/> says so.
/// </summary>
/// <remarks>
/// <code>
/// send Request; T = no-bytes timeout
/// SegmentData{i,s,r}: ignored unless no header yet and i, r match; total unknown → total = s;
///                     total − loaded ≠ s → Cancel, length mismatch, close
/// data:               ignored before the header; loaded + len > total → length mismatch, close (no Cancel)
/// Completed{i,r}:     ignored before the header; i/r differ → protocol violation, close;
///                     loaded ≠ total → length mismatch, close; else success
/// SegmentAbsent{i,r} matching → peer-segment-absent (connection kept)
/// T expires → Cancel, bytes-receiving-timeout
/// </code>
/// Counting timeouts per connection (the JS closes after 3 since the last success) is the connection's job.
/// </remarks>
public sealed class PeerDownload
{
    private readonly long _timeoutTicks;
    private long _deadline;

    /// <summary>Starts an attempt: the caller sends <see cref="Request"/> now.</summary>
    /// <param name="now">Current monotonic time in ticks.</param>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="requestId">The request id of this attempt (any small non-negative integer).</param>
    /// <param name="loadedBytes">Bytes already held from an earlier attempt; sent as <c>b</c> when &gt; 0.</param>
    /// <param name="totalBytes">The segment length when known (byte range, HTTP Content-Length), else null.</param>
    /// <param name="noBytesTimeoutTicks">The no-bytes timeout (JS <c>p2pNotReceivingBytesTimeoutMs</c>, 2 000 ms) in ticks.</param>
    public PeerDownload(long now, long segmentId, long requestId, long loadedBytes, long? totalBytes, long noBytesTimeoutTicks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(loadedBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(noBytesTimeoutTicks, 1);
        Request = new SegmentRequestCommand(segmentId, requestId, loadedBytes);
        LoadedBytes = loadedBytes;
        TotalBytes = totalBytes;
        _timeoutTicks = noBytesTimeoutTicks;
        _deadline = now + noBytesTimeoutTicks;
    }

    /// <summary>The request to send when the attempt starts.</summary>
    public SegmentRequestCommand Request { get; }

    /// <summary>Bytes of the segment held so far, including those of earlier attempts.</summary>
    public long LoadedBytes { get; private set; }

    /// <summary>The segment length, once known.</summary>
    public long? TotalBytes { get; private set; }

    /// <summary>True once a matching SegmentData header was accepted.</summary>
    public bool HeaderAccepted { get; private set; }

    /// <summary>True when the transfer completed successfully.</summary>
    public bool Succeeded { get; private set; }

    /// <summary>Why the attempt failed, or <see cref="PeerDownloadError.None"/>.</summary>
    public PeerDownloadError Error { get; private set; }

    /// <summary>True when the attempt is over (success or failure).</summary>
    public bool IsFinished => Succeeded || Error != PeerDownloadError.None;

    /// <summary>True when the failure costs the connection (size, id mismatches), as in the JS.</summary>
    public bool CloseConnection { get; private set; }

    /// <summary>True when the bytes loaded so far stay valid for a resumed attempt (timeouts, absent, aborts).</summary>
    public bool KeepsLoadedBytes => Error is PeerDownloadError.BytesReceivingTimeout or PeerDownloadError.PeerSegmentAbsent or PeerDownloadError.Aborted;

    /// <summary>A Cancel the caller must send, set by some failures.</summary>
    public CancelSegmentRequestCommand? CancelToSend { get; private set; }

    /// <summary>When <see cref="HandleTimeout"/> must be called next, or null once finished.</summary>
    public long? PollTimeout() => IsFinished ? null : _deadline;

    /// <summary>Handles a received SegmentData header.</summary>
    public void OnSegmentData(long now, SegmentDataCommand header)
    {
        if (IsFinished || HeaderAccepted || header.SegmentId != Request.SegmentId || header.RequestId != Request.RequestId)
        {
            return;
        }

        HeaderAccepted = true;
        _deadline = now + _timeoutTicks;
        if (TotalBytes is null)
        {
            // JS edge (spec §4.6): with bytes already loaded but no known total, the remaining size becomes the total.
            TotalBytes = header.Size;
        }
        else if (TotalBytes.Value - LoadedBytes != header.Size)
        {
            CancelToSend = new CancelSegmentRequestCommand(Request.SegmentId, Request.RequestId);
            Fail(PeerDownloadError.PeerResponseBytesLengthMismatch, close: true);
        }
    }

    /// <summary>
    /// Handles a received segment-data message of <paramref name="length"/> bytes. Returns true when the caller must
    /// append the bytes to the segment; false when they are ignored (stale bytes, no header yet) or the attempt
    /// just failed.
    /// </summary>
    public bool OnData(long now, int length)
    {
        if (IsFinished || !HeaderAccepted)
        {
            return false;
        }

        if (LoadedBytes + length > TotalBytes)
        {
            Fail(PeerDownloadError.PeerResponseBytesLengthMismatch, close: true);
            return false;
        }

        LoadedBytes += length;
        _deadline = now + _timeoutTicks;
        return true;
    }

    /// <summary>Handles a received SegmentDataSendingCompleted.</summary>
    public void OnCompleted(SegmentDataSendingCompletedCommand completed)
    {
        if (IsFinished || !HeaderAccepted)
        {
            return;
        }

        if (completed.SegmentId != Request.SegmentId || completed.RequestId != Request.RequestId)
        {
            Fail(PeerDownloadError.PeerProtocolViolation, close: true);
        }
        else if (LoadedBytes != TotalBytes)
        {
            Fail(PeerDownloadError.PeerResponseBytesLengthMismatch, close: true);
        }
        else
        {
            Succeeded = true;
        }
    }

    /// <summary>Handles a received SegmentAbsent; only a matching one ends the attempt.</summary>
    public void OnAbsent(SegmentAbsentCommand absent)
    {
        if (!IsFinished && absent.SegmentId == Request.SegmentId && absent.RequestId == Request.RequestId)
        {
            Fail(PeerDownloadError.PeerSegmentAbsent, close: false);
        }
    }

    /// <summary>Checks the no-bytes timer; on expiry the attempt fails and a Cancel is due.</summary>
    public void HandleTimeout(long now)
    {
        if (!IsFinished && now >= _deadline)
        {
            CancelToSend = new CancelSegmentRequestCommand(Request.SegmentId, Request.RequestId);
            Fail(PeerDownloadError.BytesReceivingTimeout, close: false);
        }
    }

    /// <summary>Aborts the attempt (scheduler decision); a Cancel is due.</summary>
    public void Abort()
    {
        if (!IsFinished)
        {
            CancelToSend = new CancelSegmentRequestCommand(Request.SegmentId, Request.RequestId);
            Fail(PeerDownloadError.Aborted, close: false);
        }
    }

    private void Fail(PeerDownloadError error, bool close)
    {
        Error = error;
        CloseConnection = close;
        if (!KeepsLoadedBytes)
        {
            LoadedBytes = 0;
        }
    }
}
