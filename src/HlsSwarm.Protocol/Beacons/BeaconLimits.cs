namespace HlsSwarm.Protocol.Beacons;

/// <summary>The size and count limits a beacon must respect; the defaults are the contract's.</summary>
public sealed record BeaconLimits
{
    /// <summary>The contract's limits.</summary>
    public static BeaconLimits Default { get; } = new();

    /// <summary>Largest beacon body in bytes (the server answers 413 beyond it).</summary>
    public int MaxBytes { get; init; } = 16 * 1024;

    /// <summary>Shortest <c>sessionId</c>.</summary>
    public int MinSessionIdLength { get; init; } = 8;

    /// <summary>Longest <c>sessionId</c>.</summary>
    public int MaxSessionIdLength { get; init; } = 64;

    /// <summary>Longest <c>client.version</c>.</summary>
    public int MaxClientVersionLength { get; init; } = 32;

    /// <summary>Longest <c>stream</c> URL.</summary>
    public int MaxStreamLength { get; init; } = 2048;

    /// <summary>Longest <c>rendition</c>.</summary>
    public int MaxRenditionLength { get; init; } = 128;

    /// <summary>Longest peer id (<c>peerId</c> and <c>transfers[].peerId</c>).</summary>
    public int MaxPeerIdLength { get; init; } = 64;

    /// <summary>Most reasons in <c>peers.failures</c>.</summary>
    public int MaxFailureReasons { get; init; } = 16;

    /// <summary>Longest failure reason key and error <c>kind</c>.</summary>
    public int MaxKeyLength { get; init; } = 64;

    /// <summary>Most entries in <c>transfers</c>.</summary>
    public int MaxTransfers { get; init; } = 64;

    /// <summary>Most entries in <c>errors</c>.</summary>
    public int MaxErrors { get; init; } = 10;

    /// <summary>Longest error <c>message</c>.</summary>
    public int MaxErrorMessageLength { get; init; } = 512;

    /// <summary>Largest <c>peers.connected</c>: more open peer connections than this is not a real player.</summary>
    public long MaxPeersConnected { get; init; } = 10_000;

    /// <summary>Largest counter: 2^53, the largest integer a JavaScript number holds exactly.</summary>
    public long MaxCounter { get; init; } = 1L << 53;

    /// <summary>Deepest JSON nesting accepted; a valid beacon nests 3 levels.</summary>
    public int MaxDepth { get; init; } = 8;
}
