namespace HlsSwarm.Hls;

/// <summary>Which kind of playlist a reader expects.</summary>
internal enum PlaylistKind
{
    /// <summary>Whichever the tags say.</summary>
    Any,

    /// <summary>A master playlist; media tags are an error.</summary>
    Master,

    /// <summary>A media playlist; master tags are an error.</summary>
    Media,
}
