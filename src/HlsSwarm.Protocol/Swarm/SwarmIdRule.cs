namespace HlsSwarm.Protocol.Swarm;

/// <summary>Which p2p-media-loader release's rule turns a streamSwarmId into an info_hash (spec §1.1, §1.5).</summary>
public enum SwarmIdRule
{
    /// <summary>p2p-media-loader 2.3.x: streamIndex from the variant's metadata, info_hash = Base64(SHA-1 bytes 0–14).</summary>
    P2pml23,

    /// <summary>p2p-media-loader 2.0–2.2 (compatibility mode): numeric streamIndex, info_hash = Base64(MD5 bytes 1–15).</summary>
    Legacy22,
}
