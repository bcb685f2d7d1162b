using HlsSwarm.Hls;

namespace HlsSwarm.Bench;

/// <summary>
/// The one call the parsing benchmarks time: <see cref="PlaylistParser.TryParse(string, Uri?, out Playlist?, out PlaylistError?)"/>,
/// the full RFC 8216 parser, with the playlist's URL so that it is given what a player gives it (URIs are resolved
/// lazily, when read, so resolution is not part of the parse).
/// </summary>
public static class PlaylistParse
{
    private static readonly Uri PlaylistUrl = new("https://cdn.example.com/vod/720p/index.m3u8");

    /// <summary>Parses <paramref name="text"/> as a media playlist; returns its segment count.</summary>
    /// <exception cref="InvalidDataException">The playlist does not parse (the corpus is broken).</exception>
    public static int Segments(string text) =>
        PlaylistParser.TryParse(text, PlaylistUrl, out var playlist, out var error) && playlist is MediaPlaylist media
            ? media.Segments.Count
            : throw new InvalidDataException(error?.ToString() ?? "not a media playlist");
}
