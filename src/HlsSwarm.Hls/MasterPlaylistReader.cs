using System.Diagnostics.CodeAnalysis;

namespace HlsSwarm.Hls;

/// <summary>Reads a text that must be a master playlist (RFC 8216 §4.3.4); see <see cref="PlaylistParser"/>.</summary>
public static class MasterPlaylistReader
{
    /// <summary>Reads <paramref name="text"/> as a master playlist; media playlist tags are an error.</summary>
    /// <param name="text">The playlist text (LF or CRLF line ends, optional BOM).</param>
    /// <param name="playlist">The playlist when the result is true; otherwise null.</param>
    /// <param name="error">Why and where reading failed when the result is false; otherwise null.</param>
    /// <returns>True if the text is a master playlist with at least one variant stream.</returns>
    public static bool TryRead(string text, [NotNullWhen(true)] out MasterPlaylist? playlist, [NotNullWhen(false)] out PlaylistError? error) =>
        TryRead(text, null, out playlist, out error);

    /// <summary>Reads <paramref name="text"/> as a master playlist loaded from <paramref name="playlistUri"/>.</summary>
    /// <param name="text">The playlist text.</param>
    /// <param name="playlistUri">The absolute URI relative URIs resolve against; null to leave them unresolved.</param>
    /// <param name="playlist">The playlist when the result is true; otherwise null.</param>
    /// <param name="error">Why and where reading failed when the result is false; otherwise null.</param>
    /// <returns>True if the text is a master playlist with at least one variant stream.</returns>
    public static bool TryRead(string text, Uri? playlistUri, [NotNullWhen(true)] out MasterPlaylist? playlist, [NotNullWhen(false)] out PlaylistError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ok = PlaylistReader.Read(text, playlistUri, PlaylistLimits.Default, PlaylistKind.Master, out var p, out error);
        playlist = p as MasterPlaylist;
        return ok && playlist is not null;
    }
}
