using System.Globalization;

namespace HlsSwarm.Hls;

/// <summary>
/// A tolerant reader of media playlists (RFC 8216 §4.3.3): reads the tags <see cref="MediaPlaylist"/> models,
/// skips comments and tags it does not know (RFC 8216 §4.1: clients must ignore unknown tags), and rejects what
/// would make the model wrong with a <see cref="PlaylistError"/> naming the line.
/// </summary>
public static class MediaPlaylistReader
{
    /// <summary>Reads <paramref name="text"/> as a media playlist.</summary>
    /// <param name="text">The playlist text (UTF-8 decoded; LF or CRLF line ends).</param>
    /// <param name="playlist">The playlist when the result is true; otherwise null.</param>
    /// <param name="error">Why and where reading failed when the result is false; otherwise null.</param>
    /// <returns>True if the text is a media playlist this reader understands.</returns>
    public static bool TryRead(string text, out MediaPlaylist? playlist, out PlaylistError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        playlist = null;
        error = PlaylistLines.CheckHeader(text);
        if (error is not null)
            return false;

        int? version = null;
        int? targetDuration = null;
        long mediaSequence = 0, discontinuitySequence = 0;
        string? playlistType = null;
        bool independent = false, endList = false, headerSeen = false;
        var segments = new List<MediaSegment>();
        (decimal Duration, string Title, int Line)? pendingInf = null;
        var pendingDiscontinuity = false;
        var lastLine = 0;

        foreach (var (number, line) in PlaylistLines.Enumerate(text))
        {
            lastLine = number;
            if (!headerSeen)
            {
                headerSeen = true; // #EXTM3U, checked above
                continue;
            }
            if (!line.StartsWith('#'))
            {
                if (pendingInf is not { } inf)
                {
                    error = PlaylistLines.Error(number, line, "a URI line must follow #EXTINF");
                    return false;
                }
                segments.Add(new MediaSegment(inf.Duration, line, pendingDiscontinuity, inf.Title));
                pendingInf = null;
                pendingDiscontinuity = false;
                continue;
            }
            if (!line.StartsWith("#EXT", StringComparison.Ordinal))
                continue; // a comment

            var (tag, value) = PlaylistLines.SplitTag(line);
            switch (tag)
            {
                case "#EXTM3U":
                    error = PlaylistLines.Error(number, line, "#EXTM3U may appear only on the first line");
                    return false;
                case "#EXT-X-VERSION":
                    if (!TryParseInt(value, out var v) || v < 1)
                        return Fail(number, line, tag, value, out error);
                    version = v;
                    break;
                case "#EXT-X-TARGETDURATION":
                    if (!TryParseInt(value, out var td) || td < 0)
                        return Fail(number, line, tag, value, out error);
                    targetDuration = td;
                    break;
                case "#EXT-X-MEDIA-SEQUENCE":
                    if (!TryParseLong(value, out mediaSequence))
                        return Fail(number, line, tag, value, out error);
                    break;
                case "#EXT-X-DISCONTINUITY-SEQUENCE":
                    if (!TryParseLong(value, out discontinuitySequence))
                        return Fail(number, line, tag, value, out error);
                    break;
                case "#EXT-X-PLAYLIST-TYPE":
                    if (value is not ("VOD" or "EVENT"))
                        return Fail(number, line, tag, value, out error);
                    playlistType = value;
                    break;
                case "#EXT-X-INDEPENDENT-SEGMENTS":
                    independent = true;
                    break;
                case "#EXT-X-DISCONTINUITY":
                    pendingDiscontinuity = true;
                    break;
                case "#EXT-X-ENDLIST":
                    endList = true;
                    break;
                case "#EXTINF":
                    if (pendingInf is not null)
                    {
                        error = PlaylistLines.Error(number, line, "#EXTINF follows another #EXTINF without a URI line");
                        return false;
                    }
                    var comma = value.IndexOf(',', StringComparison.Ordinal);
                    var durationText = comma < 0 ? value : value[..comma];
                    if (!decimal.TryParse(durationText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var duration))
                        return Fail(number, line, tag, durationText, out error);
                    pendingInf = (duration, comma < 0 ? "" : value[(comma + 1)..], number);
                    break;
                case "#EXT-X-STREAM-INF" or "#EXT-X-I-FRAME-STREAM-INF" or "#EXT-X-MEDIA":
                    error = PlaylistLines.Error(number, line, $"{tag} belongs in a master playlist, not a media playlist");
                    return false;
                default:
                    break; // RFC 8216 §4.1: ignore tags we do not know
            }
        }

        if (pendingInf is { } dangling)
        {
            error = PlaylistLines.Error(dangling.Line, $"#EXTINF:{dangling.Duration.ToString(CultureInfo.InvariantCulture)}", "#EXTINF is not followed by a URI line");
            return false;
        }
        if (targetDuration is null)
        {
            error = new PlaylistError(0, "", $"#EXT-X-TARGETDURATION is missing (last line {lastLine})");
            return false;
        }

        playlist = new MediaPlaylist
        {
            Version = version,
            TargetDuration = targetDuration.Value,
            MediaSequence = mediaSequence,
            DiscontinuitySequence = discontinuitySequence,
            PlaylistType = playlistType,
            IndependentSegments = independent,
            Segments = segments,
            EndList = endList,
        };
        return true;
    }

    private static bool Fail(int number, string line, string tag, string value, out PlaylistError? error)
    {
        error = PlaylistLines.Error(number, line, $"bad {tag} value \"{value}\"");
        return false;
    }

    // RFC 8216 §4.2 decimal-integer: digits only, no sign.
    private static bool TryParseInt(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryParseLong(string s, out long value) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
