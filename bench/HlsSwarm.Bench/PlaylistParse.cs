using HlsSwarm.Hls;

namespace HlsSwarm.Bench;

/// <summary>
/// The one call the parsing benchmarks time: today <see cref="MediaPlaylistReader.TryRead"/>. When the full parser
/// replaces it, switch this method (and nothing else) to the new API.
/// </summary>
public static class PlaylistParse
{
    /// <summary>Parses <paramref name="text"/> as a media playlist; returns its segment count.</summary>
    /// <exception cref="InvalidDataException">The playlist does not parse (the corpus is broken).</exception>
    public static int Segments(string text) =>
        MediaPlaylistReader.TryRead(text, out var playlist, out var error)
            ? playlist!.Segments.Count
            : throw new InvalidDataException(error?.ToString());
}
