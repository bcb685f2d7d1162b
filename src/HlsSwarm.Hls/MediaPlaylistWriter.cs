using System.Globalization;
using System.Text;

namespace HlsSwarm.Hls;

/// <summary>Writes a <see cref="MediaPlaylist"/> as RFC 8216 text (LF line ends, tags in the order RFC 8216 §4.3 lists them).</summary>
public static class MediaPlaylistWriter
{
    /// <summary>Returns the playlist text.</summary>
    public static string Write(MediaPlaylist playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        var sb = new StringBuilder(64 + playlist.Segments.Count * 32);
        sb.Append("#EXTM3U\n");
        if (playlist.Version is { } version)
            sb.Append("#EXT-X-VERSION:").Append(version.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("#EXT-X-TARGETDURATION:").Append(playlist.TargetDuration.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("#EXT-X-MEDIA-SEQUENCE:").Append(playlist.MediaSequence.ToString(CultureInfo.InvariantCulture)).Append('\n');
        // RFC 8216 §4.3.3.3: the tag must appear before the first segment; 0 is its default, so omit it then.
        if (playlist.DiscontinuitySequence != 0)
            sb.Append("#EXT-X-DISCONTINUITY-SEQUENCE:").Append(playlist.DiscontinuitySequence.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (playlist.PlaylistType is { } type)
            sb.Append("#EXT-X-PLAYLIST-TYPE:").Append(type).Append('\n');
        if (playlist.IndependentSegments)
            sb.Append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var segment in playlist.Segments)
        {
            if (segment.Discontinuity)
                sb.Append("#EXT-X-DISCONTINUITY\n");
            sb.Append("#EXTINF:").Append(FormatDuration(segment.Duration)).Append(',').Append(segment.Title).Append('\n');
            sb.Append(segment.Uri).Append('\n');
        }
        if (playlist.EndList)
            sb.Append("#EXT-X-ENDLIST\n");
        return sb.ToString();
    }

    // Decimal-floating-point with three decimals at least (RFC 8216 §4.3.2.1 wants decimals for version ≥ 3).
    private static string FormatDuration(decimal seconds) =>
        seconds.ToString("0.000#####", CultureInfo.InvariantCulture);
}
