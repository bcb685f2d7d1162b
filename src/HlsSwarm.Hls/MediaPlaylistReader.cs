using System.Diagnostics.CodeAnalysis;

namespace HlsSwarm.Hls;

/// <summary>Reads a text that must be a media playlist (RFC 8216 §4.3.3); see <see cref="PlaylistParser"/>.</summary>
public static class MediaPlaylistReader
{
    /// <summary>Reads <paramref name="text"/> as a media playlist; master playlist tags are an error.</summary>
    /// <param name="text">The playlist text (LF or CRLF line ends, optional BOM).</param>
    /// <param name="playlist">The playlist when the result is true; otherwise null.</param>
    /// <param name="error">Why and where reading failed when the result is false; otherwise null.</param>
    /// <returns>True if the text is a usable media playlist.</returns>
    public static bool TryRead(string text, [NotNullWhen(true)] out MediaPlaylist? playlist, [NotNullWhen(false)] out PlaylistError? error) =>
        TryRead(text, null, out playlist, out error);

    /// <summary>Reads <paramref name="text"/> as a media playlist loaded from <paramref name="playlistUri"/>.</summary>
    /// <inheritdoc cref="TryRead(string, out MediaPlaylist?, out PlaylistError?)"/>
    /// <param name="text">The playlist text.</param>
    /// <param name="playlistUri">The absolute URI relative URIs resolve against; null to leave them unresolved.</param>
    /// <param name="playlist">The playlist when the result is true; otherwise null.</param>
    /// <param name="error">Why and where reading failed when the result is false; otherwise null.</param>
    public static bool TryRead(string text, Uri? playlistUri, [NotNullWhen(true)] out MediaPlaylist? playlist, [NotNullWhen(false)] out PlaylistError? error) =>
        TryRead(text, playlistUri, null, out playlist, out error);

    /// <summary>
    /// Reads <paramref name="text"/> as a media playlist of <paramref name="master"/>, whose <c>EXT-X-DEFINE</c>s
    /// supply the values of <c>EXT-X-DEFINE:IMPORT</c> (rfc8216bis §4.4.2.3).
    /// </summary>
    /// <param name="text">The playlist text.</param>
    /// <param name="playlistUri">The absolute URI relative URIs resolve against; null to leave them unresolved.</param>
    /// <param name="master">The master playlist this media playlist belongs to; null when there is none.</param>
    /// <param name="playlist">The playlist when the result is true; otherwise null.</param>
    /// <param name="error">Why and where reading failed when the result is false; otherwise null.</param>
    /// <returns>True if the text is a usable media playlist.</returns>
    public static bool TryRead(string text, Uri? playlistUri, MasterPlaylist? master, [NotNullWhen(true)] out MediaPlaylist? playlist, [NotNullWhen(false)] out PlaylistError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ok = PlaylistReader.Read(text, playlistUri, PlaylistLimits.Default, PlaylistKind.Media, out var p, out error, master);
        playlist = p as MediaPlaylist;
        return ok && playlist is not null;
    }
}
