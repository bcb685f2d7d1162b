using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace HlsSwarm.Hls;

/// <summary>
/// Reads master and media playlists (RFC 8216, with the rfc8216bis tags): one pass over the lines, no regular
/// expressions, allocations only for the model. Never throws on any text: bad input gives a
/// <see cref="PlaylistError"/> naming the line and the rule (<see cref="PlaylistRules"/>).
/// </summary>
public static class PlaylistParser
{
    /// <summary>Reads <paramref name="text"/> as a master or media playlist, whichever its tags say.</summary>
    /// <param name="text">The playlist text (LF or CRLF line ends, optional BOM).</param>
    /// <param name="playlistUri">The absolute URI the playlist was loaded from (after redirects); relative URIs resolve against it. Null to leave them unresolved.</param>
    /// <param name="playlist">A <see cref="MasterPlaylist"/> or <see cref="MediaPlaylist"/> when the result is true.</param>
    /// <param name="error">Why and where reading failed when the result is false.</param>
    /// <returns>True if the text is a usable playlist.</returns>
    public static bool TryParse(string text, Uri? playlistUri, [NotNullWhen(true)] out Playlist? playlist, [NotNullWhen(false)] out PlaylistError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.AsSpan(), playlistUri, PlaylistLimits.Default, out playlist, out error);
    }

    /// <summary>Reads <paramref name="text"/> with explicit <paramref name="limits"/>.</summary>
    /// <inheritdoc cref="TryParse(string, Uri?, out Playlist?, out PlaylistError?)"/>
    public static bool TryParse(ReadOnlySpan<char> text, Uri? playlistUri, PlaylistLimits limits, [NotNullWhen(true)] out Playlist? playlist, [NotNullWhen(false)] out PlaylistError? error) =>
        PlaylistReader.Read(text, playlistUri, limits ?? PlaylistLimits.Default, PlaylistKind.Any, out playlist, out error);

    /// <summary>Reads UTF-8 <paramref name="utf8"/> (optional BOM); invalid UTF-8 becomes U+FFFD as in browsers.</summary>
    /// <inheritdoc cref="TryParse(string, Uri?, out Playlist?, out PlaylistError?)"/>
    public static bool TryParse(ReadOnlySpan<byte> utf8, Uri? playlistUri, PlaylistLimits? limits, [NotNullWhen(true)] out Playlist? playlist, [NotNullWhen(false)] out PlaylistError? error)
    {
        limits ??= PlaylistLimits.Default;
        if (utf8.Length > limits.MaxPlaylistChars * 3L)
        {
            playlist = null;
            error = new PlaylistError(0, "", PlaylistRules.LimitSize, $"the playlist has {utf8.Length} bytes");
            return false;
        }
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, utf8.Length));
        try
        {
            var n = Encoding.UTF8.GetChars(utf8, chars);
            return PlaylistReader.Read(chars.AsSpan(0, n), playlistUri, limits, PlaylistKind.Any, out playlist, out error);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
