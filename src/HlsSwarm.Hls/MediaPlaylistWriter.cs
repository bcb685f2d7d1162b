using System.Globalization;
using System.Text;

namespace HlsSwarm.Hls;

/// <summary>
/// Writes a <see cref="MediaPlaylist"/> as RFC 8216 text (LF line ends, playlist tags first in the order RFC 8216
/// §4.3 lists them). Attribute-list tags are written from their <see cref="AttributeList"/>s as read; tags that stay
/// in force (<c>EXT-X-KEY</c>, <c>EXT-X-MAP</c>, <c>EXT-X-BITRATE</c>) are written where they change; byte ranges are
/// written with explicit offsets. <see cref="Playlist.UnknownTags"/> and <see cref="Playlist.Definitions"/> are
/// not written (URIs hold their substituted values).
/// </summary>
public static class MediaPlaylistWriter
{
    /// <summary>Returns the playlist text.</summary>
    public static string Write(MediaPlaylist playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        var sb = new StringBuilder(128 + playlist.Segments.Count * 40);
        sb.Append("#EXTM3U\n");
        if (playlist.Version is { } version)
            sb.Append("#EXT-X-VERSION:").Append(Invariant(version)).Append('\n');
        sb.Append("#EXT-X-TARGETDURATION:").Append(Invariant(playlist.TargetDuration)).Append('\n');
        sb.Append("#EXT-X-MEDIA-SEQUENCE:").Append(Invariant(playlist.MediaSequence)).Append('\n');
        // RFC 8216 §4.3.3.3: the tag must appear before the first segment; 0 is its default, so omit it then.
        if (playlist.DiscontinuitySequence != 0)
            sb.Append("#EXT-X-DISCONTINUITY-SEQUENCE:").Append(Invariant(playlist.DiscontinuitySequence)).Append('\n');
        if (playlist.PlaylistType is { } type)
            sb.Append("#EXT-X-PLAYLIST-TYPE:").Append(type).Append('\n');
        if (playlist.IndependentSegments)
            sb.Append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        if (playlist.IFramesOnly)
            sb.Append("#EXT-X-I-FRAMES-ONLY\n");
        if (playlist.Start is { } start)
            AppendStart(sb, start);
        if (playlist.ServerControl is { } control)
            AppendTag(sb, "#EXT-X-SERVER-CONTROL:", control.Attributes);
        if (playlist.PartTarget is { } partTarget)
            sb.Append("#EXT-X-PART-INF:PART-TARGET=").Append(Invariant(partTarget)).Append('\n');
        if (playlist.SkippedSegments > 0)
        {
            sb.Append("#EXT-X-SKIP:SKIPPED-SEGMENTS=").Append(Invariant(playlist.SkippedSegments));
            if (playlist.RecentlyRemovedDateRanges.Count > 0)
                sb.Append(",RECENTLY-REMOVED-DATERANGES=\"").AppendJoin('\t', playlist.RecentlyRemovedDateRanges).Append('"');
            sb.Append('\n');
        }

        IReadOnlyList<EncryptionKey> keys = EquatableList<EncryptionKey>.Empty;
        MediaInitializationSection? map = null;
        long? bitrate = null;
        var dateRange = 0;
        for (var i = 0; i < playlist.Segments.Count; i++)
        {
            var segment = playlist.Segments[i];
            dateRange = AppendDateRanges(sb, playlist.DateRanges, dateRange, i);
            if (!ReferenceEquals(keys, segment.Keys) && !keys.SequenceEqual(segment.Keys))
            {
                // A key stays in force until one of its KEYFORMAT replaces it or METHOD=NONE ends them all, so a
                // KEYFORMAT that disappears needs NONE first.
                var current = segment.Keys;
                if (current.Count == 0 || keys.Any(k => !current.Any(n => n.KeyFormat == k.KeyFormat)))
                    sb.Append("#EXT-X-KEY:METHOD=NONE\n");
                foreach (var key in segment.Keys)
                    AppendTag(sb, "#EXT-X-KEY:", key.Attributes);
                keys = segment.Keys;
            }
            if (segment.Map is { } m && !Equals(m, map))
            {
                AppendTag(sb, "#EXT-X-MAP:", m.Attributes);
                map = m;
            }
            if (segment.Bitrate is { } b && b != bitrate)
            {
                sb.Append("#EXT-X-BITRATE:").Append(Invariant(b)).Append('\n');
                bitrate = b;
            }
            if (segment.Discontinuity)
                sb.Append("#EXT-X-DISCONTINUITY\n");
            if (segment.ProgramDateTime is { } pdt)
                sb.Append("#EXT-X-PROGRAM-DATE-TIME:").Append(pdt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)).Append('\n');
            if (segment.Gap)
                sb.Append("#EXT-X-GAP\n");
            foreach (var part in segment.Parts)
                AppendTag(sb, "#EXT-X-PART:", part.Attributes);
            if (segment.ByteRange is { } range)
                sb.Append("#EXT-X-BYTERANGE:").Append(range.ToString()).Append('\n');
            sb.Append("#EXTINF:").Append(FormatDuration(segment.Duration)).Append(',').Append(segment.Title).Append('\n');
            sb.Append(segment.Uri).Append('\n');
        }
        AppendDateRanges(sb, playlist.DateRanges, dateRange, int.MaxValue);
        foreach (var part in playlist.TrailingParts)
            AppendTag(sb, "#EXT-X-PART:", part.Attributes);
        if (playlist.EndList)
            sb.Append("#EXT-X-ENDLIST\n");
        foreach (var hint in playlist.PreloadHints)
            AppendTag(sb, "#EXT-X-PRELOAD-HINT:", hint.Attributes);
        foreach (var report in playlist.RenditionReports)
            AppendTag(sb, "#EXT-X-RENDITION-REPORT:", report.Attributes);
        return sb.ToString();
    }

    private static int AppendDateRanges(StringBuilder sb, IReadOnlyList<DateRange> ranges, int next, int segmentIndex)
    {
        while (next < ranges.Count && ranges[next].SegmentIndex <= segmentIndex)
            AppendTag(sb, "#EXT-X-DATERANGE:", ranges[next++].Attributes);
        return next;
    }

    internal static void AppendStart(StringBuilder sb, StartOffset start)
    {
        sb.Append("#EXT-X-START:TIME-OFFSET=").Append(Invariant(start.TimeOffset));
        if (start.Precise)
            sb.Append(",PRECISE=YES");
        sb.Append('\n');
    }

    internal static void AppendTag(StringBuilder sb, string tag, AttributeList attributes)
    {
        sb.Append(tag);
        attributes.AppendTo(sb);
        sb.Append('\n');
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    // Decimal-floating-point with three decimals at least (RFC 8216 §4.3.2.1 wants decimals for version ≥ 3).
    private static string FormatDuration(decimal seconds) =>
        seconds.ToString("0.000#####", CultureInfo.InvariantCulture);
}
