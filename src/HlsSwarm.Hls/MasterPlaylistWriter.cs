using System.Globalization;
using System.Text;

namespace HlsSwarm.Hls;

/// <summary>
/// Writes a <see cref="MasterPlaylist"/> as RFC 8216 text (LF line ends). Attribute lists are written as read, so a
/// playlist without comments, unknown tags or variables round-trips byte for byte when its tags come in this order:
/// version, independent segments, start, session data, session keys, content steering, renditions, variants,
/// I-frame streams.
/// </summary>
public static class MasterPlaylistWriter
{
    /// <summary>Returns the playlist text.</summary>
    public static string Write(MasterPlaylist playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        var sb = new StringBuilder("#EXTM3U\n");
        if (playlist.Version is { } version)
            sb.Append("#EXT-X-VERSION:").Append(version.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (playlist.IndependentSegments)
            sb.Append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        if (playlist.Start is { } start)
            MediaPlaylistWriter.AppendStart(sb, start);
        foreach (var data in playlist.SessionData)
            MediaPlaylistWriter.AppendTag(sb, "#EXT-X-SESSION-DATA:", data.Attributes);
        foreach (var key in playlist.SessionKeys)
            MediaPlaylistWriter.AppendTag(sb, "#EXT-X-SESSION-KEY:", key.Attributes);
        if (playlist.ContentSteering is { } steering)
            MediaPlaylistWriter.AppendTag(sb, "#EXT-X-CONTENT-STEERING:", steering.Attributes);
        foreach (var rendition in playlist.Renditions)
            MediaPlaylistWriter.AppendTag(sb, "#EXT-X-MEDIA:", rendition.Attributes);
        foreach (var v in playlist.Variants)
        {
            MediaPlaylistWriter.AppendTag(sb, "#EXT-X-STREAM-INF:", v.Attributes);
            sb.Append(v.Uri).Append('\n');
        }
        foreach (var v in playlist.IFrameStreams)
            MediaPlaylistWriter.AppendTag(sb, "#EXT-X-I-FRAME-STREAM-INF:", v.Attributes);
        return sb.ToString();
    }
}
