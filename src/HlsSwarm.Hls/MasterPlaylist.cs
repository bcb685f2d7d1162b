namespace HlsSwarm.Hls;

/// <summary>
/// A master (multivariant) playlist (RFC 8216 §4.3.4). Every list keeps document order. Master tags never appear in a
/// media playlist and the reverse (RFC 8216 §4.3.3, §4.3.4); the parser rejects a mix.
/// </summary>
public sealed record MasterPlaylist : Playlist
{
    /// <summary><c>#EXT-X-STREAM-INF</c> variant streams with their URI lines.</summary>
    public IReadOnlyList<VariantStream> Variants { get; init; } = EquatableList<VariantStream>.Empty;

    /// <summary><c>#EXT-X-MEDIA</c> renditions (alternative audio, video, subtitles, closed captions).</summary>
    public IReadOnlyList<Rendition> Renditions { get; init; } = EquatableList<Rendition>.Empty;

    /// <summary><c>#EXT-X-I-FRAME-STREAM-INF</c> streams; their <see cref="VariantStream.Uri"/> is the <c>URI</c> attribute.</summary>
    public IReadOnlyList<VariantStream> IFrameStreams { get; init; } = EquatableList<VariantStream>.Empty;

    /// <summary><c>#EXT-X-SESSION-DATA</c> entries.</summary>
    public IReadOnlyList<SessionData> SessionData { get; init; } = EquatableList<SessionData>.Empty;

    /// <summary><c>#EXT-X-SESSION-KEY</c> keys (RFC 8216 §4.3.4.5), for preloading.</summary>
    public IReadOnlyList<EncryptionKey> SessionKeys { get; init; } = EquatableList<EncryptionKey>.Empty;

    /// <summary><c>#EXT-X-CONTENT-STEERING</c> (rfc8216bis §4.4.6.6); null when absent.</summary>
    public ContentSteering? ContentSteering { get; init; }
}
