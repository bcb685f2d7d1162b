namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>Thread-safe counters of the transport (closes and refused upgrades), updated from any thread.</summary>
public sealed class TrackerEndpointCounters
{
    private readonly long[] _closes = new long[Enum.GetValues<TrackerCloseReason>().Length];
    private readonly long[] _rejections = new long[Enum.GetValues<TrackerUpgradeRejection>().Length];

    /// <summary>Counts one close.</summary>
    public void Count(TrackerCloseReason reason) => Interlocked.Increment(ref _closes[(int)reason]);

    /// <summary>Counts one refused upgrade.</summary>
    public void Count(TrackerUpgradeRejection rejection) => Interlocked.Increment(ref _rejections[(int)rejection]);

    /// <summary>Closes so far for a reason.</summary>
    public long Get(TrackerCloseReason reason) => Interlocked.Read(ref _closes[(int)reason]);

    /// <summary>Refused upgrades so far for a reason.</summary>
    public long Get(TrackerUpgradeRejection rejection) => Interlocked.Read(ref _rejections[(int)rejection]);
}
