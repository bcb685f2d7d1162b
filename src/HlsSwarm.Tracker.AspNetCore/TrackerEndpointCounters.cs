namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>Thread-safe counters of the transport (closes and refused upgrades), updated from any thread.</summary>
public sealed class TrackerEndpointCounters
{
    private readonly long[] _closes = new long[Enum.GetValues<TrackerCloseReason>().Length];
    private readonly long[] _rejections = new long[Enum.GetValues<TrackerUpgradeRejection>().Length];

    private long _connectionLevelUpgrades;
    private long _httpUpgrades;

    /// <summary>WebSockets accepted by the connection-level fast path (no HTTP pipeline kept per connection).</summary>
    public long ConnectionLevelUpgrades => Interlocked.Read(ref _connectionLevelUpgrades);

    /// <summary>WebSockets accepted through the ASP.NET Core HTTP pipeline (TLS, HTTP/2, fall-through).</summary>
    public long HttpUpgrades => Interlocked.Read(ref _httpUpgrades);

    /// <summary>Counts one accepted WebSocket by the path that accepted it.</summary>
    public void CountUpgrade(bool connectionLevel) => Interlocked.Increment(ref connectionLevel ? ref _connectionLevelUpgrades : ref _httpUpgrades);

    /// <summary>Counts one close.</summary>
    public void Count(TrackerCloseReason reason) => Interlocked.Increment(ref _closes[(int)reason]);

    /// <summary>Counts one refused upgrade.</summary>
    public void Count(TrackerUpgradeRejection rejection) => Interlocked.Increment(ref _rejections[(int)rejection]);

    /// <summary>Closes so far for a reason.</summary>
    public long Get(TrackerCloseReason reason) => Interlocked.Read(ref _closes[(int)reason]);

    /// <summary>Refused upgrades so far for a reason.</summary>
    public long Get(TrackerUpgradeRejection rejection) => Interlocked.Read(ref _rejections[(int)rejection]);
}
