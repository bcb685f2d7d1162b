using System.Globalization;

namespace HlsSwarm.Hls;

/// <summary>
/// A tolerant reader of master playlists: reads <c>#EXT-X-STREAM-INF</c> entries and the tags
/// <see cref="MasterPlaylist"/> models, ignores the rest, and names the offending line when it fails.
/// </summary>
public static class MasterPlaylistReader
{
    /// <summary>Reads <paramref name="text"/> as a master playlist.</summary>
    /// <param name="text">The playlist text.</param>
    /// <param name="playlist">The playlist when the result is true; otherwise null.</param>
    /// <param name="error">Why and where reading failed when the result is false; otherwise null.</param>
    /// <returns>True if the text is a master playlist with at least one variant stream.</returns>
    public static bool TryRead(string text, out MasterPlaylist? playlist, out PlaylistError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        playlist = null;
        error = PlaylistLines.CheckHeader(text);
        if (error is not null)
            return false;

        int? version = null;
        var independent = false;
        var headerSeen = false;
        var variants = new List<VariantStream>();
        (Dictionary<string, string> Attributes, int Line)? pending = null;

        foreach (var (number, line) in PlaylistLines.Enumerate(text))
        {
            if (!headerSeen)
            {
                headerSeen = true;
                continue;
            }
            if (!line.StartsWith('#'))
            {
                if (pending is not { } p)
                {
                    error = PlaylistLines.Error(number, line, "a URI line must follow #EXT-X-STREAM-INF");
                    return false;
                }
                if (!TryBuildVariant(p.Attributes, line, out var variant, out var message))
                {
                    error = PlaylistLines.Error(p.Line, "#EXT-X-STREAM-INF", message);
                    return false;
                }
                variants.Add(variant);
                pending = null;
                continue;
            }
            var (tag, value) = PlaylistLines.SplitTag(line);
            switch (tag)
            {
                case "#EXT-X-VERSION":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
                    {
                        error = PlaylistLines.Error(number, line, $"bad #EXT-X-VERSION value \"{value}\"");
                        return false;
                    }
                    version = v;
                    break;
                case "#EXT-X-INDEPENDENT-SEGMENTS":
                    independent = true;
                    break;
                case "#EXT-X-STREAM-INF":
                    var attributes = AttributeList.TryParse(value);
                    if (attributes is null)
                    {
                        error = PlaylistLines.Error(number, line, "malformed attribute list");
                        return false;
                    }
                    pending = (attributes, number);
                    break;
                case "#EXTINF" or "#EXT-X-TARGETDURATION" or "#EXT-X-MEDIA-SEQUENCE" or "#EXT-X-ENDLIST":
                    error = PlaylistLines.Error(number, line, $"{tag} belongs in a media playlist, not a master playlist");
                    return false;
                default:
                    break;
            }
        }
        if (pending is { } dangling)
        {
            error = PlaylistLines.Error(dangling.Line, "#EXT-X-STREAM-INF", "#EXT-X-STREAM-INF is not followed by a URI line");
            return false;
        }
        if (variants.Count == 0)
        {
            error = new PlaylistError(0, "", "the master playlist has no #EXT-X-STREAM-INF");
            return false;
        }
        playlist = new MasterPlaylist { Version = version, IndependentSegments = independent, Variants = variants };
        return true;
    }

    private static bool TryBuildVariant(Dictionary<string, string> a, string uri, out VariantStream variant, out string message)
    {
        variant = null!;
        if (!a.TryGetValue("BANDWIDTH", out var bw) || !long.TryParse(bw, NumberStyles.None, CultureInfo.InvariantCulture, out var bandwidth))
        {
            message = "BANDWIDTH is missing or not a decimal integer";
            return false;
        }
        long? average = null;
        if (a.TryGetValue("AVERAGE-BANDWIDTH", out var avg))
        {
            if (!long.TryParse(avg, NumberStyles.None, CultureInfo.InvariantCulture, out var av))
            {
                message = "AVERAGE-BANDWIDTH is not a decimal integer";
                return false;
            }
            average = av;
        }
        variant = new VariantStream
        {
            Bandwidth = bandwidth,
            AverageBandwidth = average,
            Resolution = a.GetValueOrDefault("RESOLUTION"),
            Codecs = a.GetValueOrDefault("CODECS"),
            FrameRate = a.GetValueOrDefault("FRAME-RATE"),
            Uri = uri,
        };
        message = "";
        return true;
    }
}
