namespace HlsSwarm.Protocol;

/// <summary>Versions of p2p-media-loader this protocol library is byte-compatible with.</summary>
public static class ProtocolInfo
{
    /// <summary>The p2p-media-loader release whose wire format this library implements (spec §0).</summary>
    public const string P2pMediaLoaderVersion = "2.3.1";
}
