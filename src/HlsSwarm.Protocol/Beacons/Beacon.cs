namespace HlsSwarm.Protocol.Beacons;

/// <summary>
/// One viewer report (version 1) sent to <c>POST /api/beacon</c> every few seconds by the web player and the C#
/// Engine. Counters are cumulative since the session started, so a lost beacon loses nothing: the server takes
/// deltas between consecutive beacons of a session.
/// </summary>
/// <remarks>
/// <code>
/// { "v":1, "sessionId":"…", "seq":12, "client":{"kind":"web","version":"…"}, "stream":"http://…/master.m3u8",
///   "rendition":"640x360 800000", "peerId":"…"|null, "p2p":{"enabled":true,"group":"p2p"},
///   "bytes":{"http":0,"p2p":0,"uploaded":0},
///   "peers":{"connected":2,"attempts":5,"failures":{"timeout":1}},
///   "transfers":[{"peerId":"…","down":123,"up":456}], "startupMs":812|null, "stalls":{"count":0,"ms":0},
///   "playingMs":42000, "liveLatencyMs":6100|null, "errors":[{"kind":"…","message":"…"}], "metered":false }
/// </code>
/// The contract is /work/wt/ISSUE5-CONTRACT.md (kept in <c>src/HlsSwarm.Server/README.md</c>); limits are in
/// <see cref="BeaconLimits"/>.
/// </remarks>
public sealed record Beacon
{
    /// <summary>The only format version (<c>v</c>) this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary><c>sessionId</c>: 8..64 characters of <c>[A-Za-z0-9_-]</c>, chosen by the client per playback session.</summary>
    public required string SessionId { get; init; }

    /// <summary><c>seq</c>: increases with every beacon of a session; the server refuses an older or equal one.</summary>
    public required long Seq { get; init; }

    /// <summary><c>client.kind</c>.</summary>
    public BeaconClientKind ClientKind { get; init; }

    /// <summary><c>client.version</c> (at most 32 characters).</summary>
    public string ClientVersion { get; init; } = "";

    /// <summary><c>stream</c>: the playlist URL the player was given.</summary>
    public required string Stream { get; init; }

    /// <summary><c>rendition</c>: the level playing, e.g. <c>640x360 800000</c>; empty when unknown.</summary>
    public string Rendition { get; init; } = "";

    /// <summary><c>peerId</c>: this viewer's p2p-media-loader peer id, or null.</summary>
    public string? PeerId { get; init; }

    /// <summary><c>p2p.enabled</c>: whether the client actually had P2P on.</summary>
    public bool P2pEnabled { get; init; }

    /// <summary><c>p2p.group</c>: the A/B group the client applied.</summary>
    public BeaconGroup Group { get; init; }

    /// <summary><c>bytes.http</c>: cumulative bytes loaded over HTTP.</summary>
    public long HttpBytes { get; init; }

    /// <summary><c>bytes.p2p</c>: cumulative bytes received from peers.</summary>
    public long P2pBytes { get; init; }

    /// <summary><c>bytes.uploaded</c>: cumulative bytes sent to peers.</summary>
    public long UploadedBytes { get; init; }

    /// <summary><c>peers.connected</c>: peer connections open now.</summary>
    public long PeersConnected { get; init; }

    /// <summary><c>peers.attempts</c>: cumulative peer connection attempts.</summary>
    public long PeerAttempts { get; init; }

    /// <summary><c>peers.failures</c>: cumulative failed attempts per reason, in the order sent.</summary>
    public IReadOnlyList<BeaconFailureCount> Failures { get; init; } = [];

    /// <summary><c>transfers</c>: cumulative bytes per remote peer.</summary>
    public IReadOnlyList<BeaconTransfer> Transfers { get; init; } = [];

    /// <summary><c>startupMs</c>: time to first frame, null until the first frame.</summary>
    public long? StartupMs { get; init; }

    /// <summary><c>stalls.count</c>: cumulative rebuffering events.</summary>
    public long StallCount { get; init; }

    /// <summary><c>stalls.ms</c>: cumulative rebuffering time.</summary>
    public long StallMs { get; init; }

    /// <summary><c>playingMs</c>: cumulative time playing (the denominator of the rebuffering ratio).</summary>
    public long PlayingMs { get; init; }

    /// <summary><c>liveLatencyMs</c>: distance to the live edge; null for VOD.</summary>
    public long? LiveLatencyMs { get; init; }

    /// <summary><c>errors</c>: player errors since the previous beacon.</summary>
    public IReadOnlyList<BeaconPlayerError> Errors { get; init; } = [];

    /// <summary><c>metered</c>: the client is on a metered network (Network Information API <c>saveData</c> or cellular).</summary>
    public bool Metered { get; init; }
}
