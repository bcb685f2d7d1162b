namespace HlsSwarm.Protocol.Beacons;

/// <summary>Which kind of viewer sent a beacon (<c>client.kind</c>).</summary>
public enum BeaconClientKind
{
    /// <summary><c>"web"</c>: the browser player (hls.js + p2p-media-loader).</summary>
    Web,

    /// <summary><c>"engine"</c>: the C# Engine.</summary>
    Engine,
}
