using System.Globalization;
using System.Text;

namespace HlsSwarm.Hls;

/// <summary>Writes a <see cref="MasterPlaylist"/> as RFC 8216 text (LF line ends).</summary>
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
        foreach (var v in playlist.Variants)
        {
            sb.Append("#EXT-X-STREAM-INF:BANDWIDTH=").Append(v.Bandwidth.ToString(CultureInfo.InvariantCulture));
            if (v.AverageBandwidth is { } average)
                sb.Append(",AVERAGE-BANDWIDTH=").Append(average.ToString(CultureInfo.InvariantCulture));
            if (v.Resolution is { } resolution)
                sb.Append(",RESOLUTION=").Append(resolution);
            if (v.FrameRate is { } frameRate)
                sb.Append(",FRAME-RATE=").Append(frameRate);
            if (v.Codecs is { } codecs)
                sb.Append(",CODECS=\"").Append(codecs).Append('"');
            sb.Append('\n').Append(v.Uri).Append('\n');
        }
        return sb.ToString();
    }
}
