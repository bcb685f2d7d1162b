using System.Text;

using HlsSwarm.Protocol.Swarm;

namespace HlsSwarm.Engine.Streams;

/// <summary>
/// One stream of a manifest as p2p-media-loader-hlsjs 2.3 registers it: a variant (main) or an audio rendition
/// (secondary), with everything that identifies its swarm.
/// </summary>
/// <param name="PlaylistUrl">
/// Its media playlist URL, resolved as hls.js does: p2p-media-loader's runtime id of the stream. Empty for the audio
/// carried inside the variants (an <c>EXT-X-MEDIA</c> without <c>URI</c>, or the "main" track hls.js adds): such a
/// stream is registered but never gets segments, so it never joins a swarm.
/// </param>
/// <param name="Identity">Canonical string, streamIndex, streamSwarmId and info_hash.</param>
public sealed record SwarmStream(string PlaylistUrl, StreamIdentity Identity)
{
    /// <summary>Main (variant) or secondary (audio rendition).</summary>
    public StreamType Type => Identity.Type;

    /// <summary>Whether the stream has a media playlist of its own (so segments and a swarm).</summary>
    public bool HasPlaylist => PlaylistUrl.Length > 0;

    /// <summary>The info_hash as the 40 hex digits of its 20 ASCII bytes (what a tracker logging hex prints).</summary>
    public string InfoHashHex => Convert.ToHexStringLower(Encoding.ASCII.GetBytes(Identity.InfoHash));
}
