namespace HlsSwarm.Protocol.Swarm;

/// <summary>The two kinds of p2p-media-loader stream, the <c>streamType</c> part of a streamSwarmId (spec §1.1).</summary>
public enum StreamType
{
    /// <summary><c>main</c>: the video variants (hls.js levels, including audio-only level lists).</summary>
    Main,

    /// <summary><c>secondary</c>: the alternative audio renditions (<c>EXT-X-MEDIA:TYPE=AUDIO</c>).</summary>
    Secondary,
}
