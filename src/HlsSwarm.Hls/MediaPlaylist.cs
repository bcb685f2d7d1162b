namespace HlsSwarm.Hls;

/// <summary>
/// A media playlist (RFC 8216 §4.3.3): the subset of tags the demo origin reads and writes. Build one with an
/// object initialiser, read one with <see cref="MediaPlaylistReader.TryRead"/>, write one with
/// <see cref="MediaPlaylistWriter.Write"/>.
/// </summary>
public sealed record MediaPlaylist
{
    /// <summary><c>#EXT-X-VERSION</c>; null when the tag is absent (which means version 1).</summary>
    public int? Version { get; init; }

    /// <summary><c>#EXT-X-TARGETDURATION</c> in whole seconds (RFC 8216 §4.3.3.1); every segment rounds to at most this.</summary>
    public int TargetDuration { get; init; }

    /// <summary><c>#EXT-X-MEDIA-SEQUENCE</c>: the sequence number of the first segment (RFC 8216 §4.3.3.2).</summary>
    public long MediaSequence { get; init; }

    /// <summary><c>#EXT-X-DISCONTINUITY-SEQUENCE</c>: the discontinuity sequence number of the first segment (RFC 8216 §4.3.3.3).</summary>
    public long DiscontinuitySequence { get; init; }

    /// <summary><c>#EXT-X-PLAYLIST-TYPE</c> (<c>VOD</c> or <c>EVENT</c>); null when absent, as in a sliding-window live playlist.</summary>
    public string? PlaylistType { get; init; }

    /// <summary>True if <c>#EXT-X-INDEPENDENT-SEGMENTS</c> is present (RFC 8216 §4.3.5.1).</summary>
    public bool IndependentSegments { get; init; }

    /// <summary>The segments in playlist order.</summary>
    public IReadOnlyList<MediaSegment> Segments { get; init; } = [];

    /// <summary>True if <c>#EXT-X-ENDLIST</c> is present: no more segments will be added (RFC 8216 §4.3.3.4).</summary>
    public bool EndList { get; init; }

    /// <summary>Sum of the segment durations, in seconds.</summary>
    public decimal TotalDuration => Segments.Sum(s => s.Duration);
}
