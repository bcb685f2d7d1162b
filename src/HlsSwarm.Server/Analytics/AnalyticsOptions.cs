using HlsSwarm.Protocol.Beacons;

namespace HlsSwarm.Server.Analytics;

/// <summary>
/// Viewer analytics (issue 5): beacons, their SQLite store, the dashboard data, the P2P policy and the admin token.
/// </summary>
public sealed record AnalyticsOptions
{
    /// <summary>The CLI's default database file, in the working directory.</summary>
    public const string DefaultDatabaseFile = "hlsswarm-analytics.db";

    /// <summary>SQLite file; <c>:memory:</c> keeps everything in memory (lost on exit).</summary>
    public string DatabasePath { get; init; } = ":memory:";

    /// <summary>Beacons older than this are deleted (and dropped from memory). CLI: <c>--analytics-retention</c> hours.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(168);

    /// <summary>
    /// The admin and dashboard bearer token; null generates a random 128-bit one at start
    /// (<see cref="AnalyticsService.Token"/>, printed in the banner).
    /// </summary>
    public string? AdminToken { get; init; }

    /// <summary>Beacons per second one client IP may send after its burst (token bucket refill).</summary>
    public double BeaconsPerSecondPerIp { get; init; } = 10;

    /// <summary>Beacons one client IP may send at once (token bucket size).</summary>
    public int BeaconBurstPerIp { get; init; } = 20;

    /// <summary>Limits of one beacon body.</summary>
    public BeaconLimits Limits { get; init; } = BeaconLimits.Default;

    /// <summary>The writer flushes queued beacons at least this often.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The writer flushes as soon as this many beacons are queued (one transaction each).</summary>
    public int FlushBatch { get; init; } = 1000;

    /// <summary>A viewer is live while its last beacon is younger than this.</summary>
    public TimeSpan LiveWindow { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Distinct streams kept in memory; a beacon for one more is refused (400).</summary>
    public int MaxStreams { get; init; } = 10_000;

    /// <summary>Sessions kept in memory; a beacon opening one more is refused (503) until retention frees some.</summary>
    public int MaxSessions { get; init; } = 1_000_000;

    /// <summary>Queued beacons not yet written; beyond this a beacon is refused (503) rather than growing memory.</summary>
    public int MaxQueuedBeacons { get; init; } = 100_000;

    /// <summary>Returns every problem with these options, one sentence each.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DatabasePath))
            errors.Add("the analytics database path must not be empty");
        if (Retention <= TimeSpan.Zero)
            errors.Add("the analytics retention must be positive");
        if (AdminToken is { } t && (t.Length < 8 || t.Any(char.IsWhiteSpace)))
            errors.Add("the admin token must be at least 8 characters without spaces");
        if (!(BeaconsPerSecondPerIp > 0) || double.IsInfinity(BeaconsPerSecondPerIp) || BeaconBurstPerIp < 1)
            errors.Add("beacons per second must be positive and the beacon burst ≥ 1");
        if (FlushInterval <= TimeSpan.Zero || FlushBatch < 1)
            errors.Add("the flush interval must be positive and the flush batch ≥ 1");
        return errors;
    }
}
