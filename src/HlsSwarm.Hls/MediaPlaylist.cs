namespace HlsSwarm.Hls;

/// <summary>
/// A media playlist (RFC 8216 §4.3.3, with the low-latency tags of rfc8216bis). Build one with an object initialiser,
/// read one with <see cref="PlaylistParser"/> or <see cref="MediaPlaylistReader"/>, write one with
/// <see cref="MediaPlaylistWriter.Write"/>.
/// </summary>
public sealed record MediaPlaylist : Playlist
{
    /// <summary><c>#EXT-X-TARGETDURATION</c> in whole seconds (RFC 8216 §4.3.3.1); every segment rounds to at most this.</summary>
    public int TargetDuration { get; init; }

    /// <summary><c>#EXT-X-MEDIA-SEQUENCE</c>: the sequence number of the first segment (RFC 8216 §4.3.3.2), skipped ones included.</summary>
    public long MediaSequence { get; init; }

    /// <summary><c>#EXT-X-DISCONTINUITY-SEQUENCE</c>: the discontinuity sequence number of the first segment (RFC 8216 §4.3.3.3).</summary>
    public long DiscontinuitySequence { get; init; }

    /// <summary><c>#EXT-X-PLAYLIST-TYPE</c> (<c>VOD</c> or <c>EVENT</c>); null when absent, as in a sliding-window live playlist.</summary>
    public string? PlaylistType { get; init; }

    /// <summary>True if <c>#EXT-X-ENDLIST</c> is present: no more segments will be added (RFC 8216 §4.3.3.4).</summary>
    public bool EndList { get; init; }

    /// <summary>True if <c>#EXT-X-I-FRAMES-ONLY</c> is present (RFC 8216 §4.3.3.6).</summary>
    public bool IFramesOnly { get; init; }

    /// <summary>The segments in playlist order (skipped segments of a delta update are not in the list).</summary>
    public IReadOnlyList<MediaSegment> Segments { get; init; } = EquatableList<MediaSegment>.Empty;

    /// <summary><c>#EXT-X-PART-INF</c> <c>PART-TARGET</c> in seconds (rfc8216bis §4.4.3.7); null when absent.</summary>
    public decimal? PartTarget { get; init; }

    /// <summary><c>#EXT-X-SERVER-CONTROL</c> (rfc8216bis §4.4.3.8); null when absent.</summary>
    public ServerControl? ServerControl { get; init; }

    /// <summary><c>#EXT-X-SKIP</c> <c>SKIPPED-SEGMENTS</c> (rfc8216bis §4.4.5.2): segments left out of this delta update; 0 without the tag.</summary>
    public long SkippedSegments { get; init; }

    /// <summary><c>#EXT-X-SKIP</c> <c>RECENTLY-REMOVED-DATERANGES</c>: ids of date ranges removed (tab-separated in the tag).</summary>
    public IReadOnlyList<string> RecentlyRemovedDateRanges { get; init; } = EquatableList<string>.Empty;

    /// <summary>
    /// <c>#EXT-X-PART</c> tags after the last complete segment: the parts of the segment being produced
    /// (rfc8216bis §4.4.4.9).
    /// </summary>
    public IReadOnlyList<PartialSegment> TrailingParts { get; init; } = EquatableList<PartialSegment>.Empty;

    /// <summary><c>#EXT-X-PRELOAD-HINT</c> tags (rfc8216bis §4.4.5.3).</summary>
    public IReadOnlyList<PreloadHint> PreloadHints { get; init; } = EquatableList<PreloadHint>.Empty;

    /// <summary><c>#EXT-X-RENDITION-REPORT</c> tags (rfc8216bis §4.4.5.4).</summary>
    public IReadOnlyList<RenditionReport> RenditionReports { get; init; } = EquatableList<RenditionReport>.Empty;

    /// <summary><c>#EXT-X-DATERANGE</c> tags in playlist order (RFC 8216 §4.3.2.7).</summary>
    public IReadOnlyList<DateRange> DateRanges { get; init; } = EquatableList<DateRange>.Empty;

    /// <summary>Sum of the segment durations, in seconds (saturates at <see cref="decimal.MaxValue"/> on absurd durations).</summary>
    public decimal TotalDuration
    {
        get
        {
            var sum = 0m;
            foreach (var s in Segments)
            {
                if (s.Duration > decimal.MaxValue - sum)
                    return decimal.MaxValue;
                sum += s.Duration;
            }
            return sum;
        }
    }

    /// <summary>
    /// The program date time of every segment, as hls.js assigns them: a segment's own
    /// <c>#EXT-X-PROGRAM-DATE-TIME</c>, else the previous segment's plus its duration; segments before the first
    /// tagged one count back from it (RFC 8216 §4.3.2.6: "the client SHOULD extrapolate backward"). All null when
    /// no segment is tagged. O(segments).
    /// </summary>
    public DateTimeOffset?[] ProgramDateTimes()
    {
        var result = new DateTimeOffset?[Segments.Count];
        var first = -1;
        for (var i = 0; i < result.Length; i++)
        {
            var own = Segments[i].ProgramDateTime;
            if (own is not null && first < 0)
                first = i;
            result[i] = own ?? (i > 0 && result[i - 1] is { } previous ? Add(previous, Segments[i - 1].Duration) : null);
        }
        for (var i = first - 1; i >= 0; i--)
            result[i] = Add(result[i + 1]!.Value, -Segments[i].Duration);
        return result;
    }

    // Clamped so that hostile durations (up to 10^28 seconds) cannot overflow the arithmetic or DateTimeOffset;
    // a day of margin keeps any UTC offset (at most ±14 h) in range.
    private static DateTimeOffset Add(DateTimeOffset date, decimal seconds)
    {
        var ticks = date.UtcTicks + Math.Clamp(seconds, -1e12m, 1e12m) * TimeSpan.TicksPerSecond;
        var utc = (long)Math.Clamp(ticks, TimeSpan.TicksPerDay, DateTimeOffset.MaxValue.UtcTicks - TimeSpan.TicksPerDay);
        return new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(date.Offset);
    }

    /// <summary>True when <see cref="SegmentId"/> gives sequence numbers (no <c>#EXT-X-ENDLIST</c>), false when it gives positions.</summary>
    public bool SegmentIdsAreSequenceNumbers => !EndList;

    /// <summary>
    /// The p2p-media-loader segment id of <c>Segments[index]</c> (protocol spec §1.3, as its hls.js integration computes
    /// it): in a live or unfinished EVENT playlist (no <c>#EXT-X-ENDLIST</c>) the media sequence number,
    /// <see cref="MediaSequence"/> + <see cref="SkippedSegments"/> + <paramref name="index"/>; in a playlist with
    /// <c>#EXT-X-ENDLIST</c> (VOD, finished EVENT) the 0-based position in the whole playlist, skipped segments
    /// included, ignoring the media sequence. An EVENT playlist therefore changes ids when its ENDLIST appears.
    /// </summary>
    /// <param name="index">Position in <see cref="Segments"/>.</param>
    public long SegmentId(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return EndList ? SkippedSegments + index : MediaSequence + SkippedSegments + index;
    }
}
