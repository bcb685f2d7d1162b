using System.Text.Json;
using System.Text.Json.Serialization;

namespace HlsSwarm.Testing;

/// <summary>One reading of <c>window.hlsswarmPlayer.stats()</c> on the player page.</summary>
public sealed record PlayerStats
{
    /// <summary>Segment bytes received from peers.</summary>
    public double P2pDownloadedBytes { get; init; }

    /// <summary>Segment bytes sent to peers.</summary>
    public double P2pUploadedBytes { get; init; }

    /// <summary>Segment bytes fetched over HTTP by the loader (playlists are not counted).</summary>
    public double HttpDownloadedBytes { get; init; }

    /// <summary>P2P / (P2P + HTTP) as the page computes it.</summary>
    public double P2pRatio { get; init; }

    /// <summary>Peers with an open data channel.</summary>
    public int ConnectedPeers { get; init; }

    /// <summary>Playback stalls after playback started.</summary>
    public int Stalls { get; init; }

    /// <summary>Time spent stalled after playback started, in ms.</summary>
    public double StallMs { get; init; }

    /// <summary>From page start to the first frame playing, in ms; null until then.</summary>
    public double? StartupMs { get; init; }

    /// <summary>Whether the video is playing now.</summary>
    public bool Playing { get; init; }

    /// <summary>Playhead position, in seconds.</summary>
    public double CurrentTime { get; init; }

    /// <summary>Errors the page saw (player or loader), as the page reports them.</summary>
    public JsonElement Errors { get; init; }

    /// <summary>Whether the stream is live.</summary>
    public bool IsLive { get; init; }

    /// <summary>The viewer's analytics session id (the beacons' <c>sessionId</c>); null from a player without beacons.</summary>
    public string? SessionId { get; init; }

    /// <summary>The viewer's p2p-media-loader peer id as its beacons report it; null until known.</summary>
    public string? PeerId { get; init; }

    /// <summary>Whether P2P is on as the player applied the server's policy; null from a player without policy support.</summary>
    public bool? P2pEnabled { get; init; }

    /// <summary>Time spent playing (not paused, not stalled), in ms.</summary>
    public double PlayingMs { get; init; }

    /// <summary>How many errors <see cref="Errors"/> holds (an array's length, or a count).</summary>
    [JsonIgnore]
    public int ErrorCount => Errors.ValueKind switch
    {
        JsonValueKind.Array => Errors.GetArrayLength(),
        JsonValueKind.Number => Errors.GetInt32(),
        _ => 0,
    };

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
