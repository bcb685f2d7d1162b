namespace HlsSwarm.Hls;

/// <summary>A master playlist (RFC 8216 §4.3.4): the subset the demo origin uses, i.e. its variant streams.</summary>
public sealed record MasterPlaylist
{
    /// <summary><c>#EXT-X-VERSION</c>; null when absent.</summary>
    public int? Version { get; init; }

    /// <summary>True if <c>#EXT-X-INDEPENDENT-SEGMENTS</c> is present.</summary>
    public bool IndependentSegments { get; init; }

    /// <summary>The variant streams in playlist order.</summary>
    public IReadOnlyList<VariantStream> Variants { get; init; } = [];
}
