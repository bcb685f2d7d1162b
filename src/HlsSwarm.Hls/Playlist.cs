namespace HlsSwarm.Hls;

/// <summary>
/// What master and media playlists share (RFC 8216 §4.3.1 and §4.3.5). Read either kind with
/// <see cref="PlaylistParser.TryParse(string, System.Uri?, out Playlist?, out PlaylistError?)"/>; the result is a
/// <see cref="MasterPlaylist"/> or a <see cref="MediaPlaylist"/>.
/// </summary>
public abstract record Playlist
{
    /// <summary><c>#EXT-X-VERSION</c>; null when the tag is absent (which means version 1).</summary>
    public int? Version { get; init; }

    /// <summary>True if <c>#EXT-X-INDEPENDENT-SEGMENTS</c> is present (RFC 8216 §4.3.5.1).</summary>
    public bool IndependentSegments { get; init; }

    /// <summary><c>#EXT-X-START</c> (RFC 8216 §4.3.5.2); null when absent or without a usable <c>TIME-OFFSET</c>.</summary>
    public StartOffset? Start { get; init; }

    /// <summary><c>#EXT-X-DEFINE</c> variables in playlist order (rfc8216bis §4.4.2.3).</summary>
    public IReadOnlyList<VariableDefinition> Definitions { get; init; } = EquatableList<VariableDefinition>.Empty;

    /// <summary>Tags this model does not know, with their line numbers (RFC 8216 §4.1: ignored, but kept here).</summary>
    public IReadOnlyList<UnknownTag> UnknownTags { get; init; } = EquatableList<UnknownTag>.Empty;

    /// <summary>
    /// RFC violations the parser tolerated because players (hls.js 1.6) tolerate them, e.g. a variant without
    /// <c>BANDWIDTH</c>; each names its line and rule. At most <see cref="PlaylistLimits.MaxWarnings"/>.
    /// </summary>
    public IReadOnlyList<PlaylistError> Warnings { get; init; } = EquatableList<PlaylistError>.Empty;

    /// <summary>The URI the playlist was read from, against which relative URIs resolve; null when not given.</summary>
    public Uri? PlaylistUri { get; init; }
}
