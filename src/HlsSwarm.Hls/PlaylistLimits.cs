namespace HlsSwarm.Hls;

/// <summary>
/// Bounds on the work one playlist can cause (design.md: every limit explicit). Exceeding one is a
/// <see cref="PlaylistError"/> naming the limit; parsing is linear in the text size below them.
/// </summary>
public sealed record PlaylistLimits
{
    /// <summary>The defaults: generous for real playlists (a 10-hour VOD with 1-second segments is ~2 MB).</summary>
    public static PlaylistLimits Default { get; } = new();

    /// <summary>Largest playlist in characters (16 Mi).</summary>
    public int MaxPlaylistChars { get; init; } = 16 * 1024 * 1024;

    /// <summary>Longest line in characters (also after variable substitution); 64 Ki fits long <c>data:</c> key URIs.</summary>
    public int MaxLineChars { get; init; } = 64 * 1024;

    /// <summary>Most entries of each kind: segments, parts, variants, renditions, date ranges, unknown tags (each counted separately).</summary>
    public int MaxEntries { get; init; } = 500_000;

    /// <summary>Most attributes in one attribute list (real ones have fewer than 20); bounds the linear lookups.</summary>
    public int MaxAttributesPerTag { get; init; } = 256;

    /// <summary>Most warnings kept in <see cref="Playlist.Warnings"/>; later ones are dropped.</summary>
    public int MaxWarnings { get; init; } = 100;
}
