namespace HlsSwarm.Hls;

/// <summary>
/// One media segment (RFC 8216 §3, §4.3.2): its <c>#EXTINF</c> duration and title, its URI line, and everything the
/// media segment tags before it say about it. Tags that apply to all following segments (<c>EXT-X-KEY</c>,
/// <c>EXT-X-MAP</c>, <c>EXT-X-BITRATE</c>) are repeated on each segment they apply to (sharing one instance).
/// </summary>
/// <param name="Duration">Duration in seconds from <c>#EXTINF</c> (a decimal, RFC 8216 §4.3.2.1).</param>
/// <param name="Uri">The URI line as written (after variable substitution), usually relative to the playlist URI.</param>
/// <param name="Discontinuity">True if an <c>#EXT-X-DISCONTINUITY</c> tag applies to this segment (RFC 8216 §4.3.2.3).</param>
/// <param name="Title">The optional title after the comma of <c>#EXTINF</c>; empty when absent.</param>
public sealed record MediaSegment(decimal Duration, string Uri, bool Discontinuity = false, string Title = "")
{
    /// <summary>The media sequence number (RFC 8216 §3): media sequence + skipped segments + position; set by the parser.</summary>
    public long SequenceNumber { get; init; }

    /// <summary>The discontinuity sequence number (RFC 8216 §4.3.3.3): the playlist's plus the discontinuities up to and including this segment.</summary>
    public long DiscontinuitySequenceNumber { get; init; }

    /// <summary><c>#EXT-X-BYTERANGE</c> with the offset resolved; null when the segment is the whole resource.</summary>
    public ByteRange? ByteRange { get; init; }

    /// <summary>The <c>#EXT-X-KEY</c>s in force (one per <c>KEYFORMAT</c>); empty when unencrypted.</summary>
    public IReadOnlyList<EncryptionKey> Keys { get; init; } = EquatableList<EncryptionKey>.Empty;

    /// <summary>The <c>#EXT-X-MAP</c> in force (RFC 8216 §4.3.2.5); null when none.</summary>
    public MediaInitializationSection? Map { get; init; }

    /// <summary><c>#EXT-X-PROGRAM-DATE-TIME</c> of this segment's first sample (RFC 8216 §4.3.2.6); null when not tagged.</summary>
    public DateTimeOffset? ProgramDateTime { get; init; }

    /// <summary>True if <c>#EXT-X-GAP</c> marks the segment as missing (rfc8216bis §4.4.4.7).</summary>
    public bool Gap { get; init; }

    /// <summary>The <c>#EXT-X-BITRATE</c> in force in kilobits per second (rfc8216bis §4.4.4.8); null when none.</summary>
    public long? Bitrate { get; init; }

    /// <summary>The <c>#EXT-X-PART</c>s of this segment (rfc8216bis §4.4.4.9), listed before its <c>#EXTINF</c>.</summary>
    public IReadOnlyList<PartialSegment> Parts { get; init; } = EquatableList<PartialSegment>.Empty;

    /// <summary>The playlist's URI, against which <see cref="Uri"/> resolves; null when unknown.</summary>
    public System.Uri? BaseUri { get; init; }

    /// <summary><see cref="Uri"/> resolved against <see cref="BaseUri"/> (RFC 3986 §5); null when it cannot be.</summary>
    public System.Uri? ResolvedUri => UriResolution.Resolve(BaseUri, Uri);
}
