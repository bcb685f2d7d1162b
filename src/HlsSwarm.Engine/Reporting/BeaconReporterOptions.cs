using HlsSwarm.Protocol.Beacons;

namespace HlsSwarm.Engine.Reporting;

/// <summary>What a <see cref="BeaconReporter"/> reports about and how often.</summary>
public sealed record BeaconReporterOptions
{
    /// <summary>The session id: 8..64 characters of <c>[A-Za-z0-9_-]</c>, one per playback session.</summary>
    public required string SessionId { get; init; }

    /// <summary>The playlist URL the engine plays.</summary>
    public required string Stream { get; init; }

    /// <summary>The engine's version, sent as <c>client.version</c> (cut to 32 characters).</summary>
    public string ClientVersion { get; init; } = "";

    /// <summary>Time between beacons; the web player uses 5 s, and the policy's <c>refreshMs</c> may change it.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The limits every beacon is kept within (the server's).</summary>
    public BeaconLimits Limits { get; init; } = BeaconLimits.Default;
}
