using HlsSwarm.Hls;

namespace HlsSwarm.Server.Demo;

/// <summary>One rendition of the demo VOD, held in memory: its media playlist and the bytes of every segment.</summary>
public sealed class DemoRendition
{
    /// <summary>Creates a rendition.</summary>
    /// <param name="name">Folder name, e.g. <c>360p</c>; also the path element in URLs.</param>
    /// <param name="playlist">The VOD media playlist.</param>
    /// <param name="playlistBytes">The media playlist file exactly as committed.</param>
    /// <param name="segments">Segment bytes, in playlist order.</param>
    public DemoRendition(string name, MediaPlaylist playlist, byte[] playlistBytes, IReadOnlyList<byte[]> segments)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count != playlist.Segments.Count)
            throw new ArgumentException("one byte array per playlist segment is required", nameof(segments));
        Name = name;
        Playlist = playlist;
        PlaylistBytes = playlistBytes;
        Segments = segments;
    }

    /// <summary>Folder name, e.g. <c>360p</c>.</summary>
    public string Name { get; }

    /// <summary>The VOD media playlist.</summary>
    public MediaPlaylist Playlist { get; }

    /// <summary>The media playlist file as committed (served verbatim at <c>/demo/vod/{name}/index.m3u8</c>).</summary>
    public byte[] PlaylistBytes { get; }

    /// <summary>Segment bytes in playlist order.</summary>
    public IReadOnlyList<byte[]> Segments { get; }
}
